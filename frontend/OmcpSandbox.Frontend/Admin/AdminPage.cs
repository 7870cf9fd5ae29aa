namespace OmcpSandbox.Frontend.Admin;

/// <summary>
/// The admin page: plain HTML and fetch calls to the admin API, with no build step. The operator types an admin
/// key, which is kept in the tab's session storage and sent as a bearer token.
/// </summary>
internal static class AdminPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>omcp-sandbox admin</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  h2 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; white-space: nowrap; }
  th { background: #f3f3f3; }
  td.number { text-align: right; }
  #status { margin-left: 1rem; color: #555; }
  #status.error { color: #b00020; }
  button { cursor: pointer; }
</style>
</head>
<body>
<h1>omcp-sandbox admin</h1>
<form id="key-form">
  <label>Admin API key <input id="key" type="password" autocomplete="off" size="40"></label>
  <button type="submit">Load</button>
  <span id="status"></span>
</form>

<h2>Silos</h2>
<table id="silos">
  <thead><tr><th>Name</th><th>Address</th><th>Status</th><th>Containers</th><th>Capacity</th><th>Host</th><th>Started</th></tr></thead>
  <tbody></tbody>
</table>

<h2>Sessions</h2>
<table id="sessions">
  <thead><tr><th>Sandbox id</th><th>Tenant</th><th>Silo</th><th>Created</th><th>Last used</th><th>Executions</th><th>Status</th><th></th></tr></thead>
  <tbody></tbody>
</table>

<script>
"use strict";
const keyInput = document.getElementById("key");
const statusLine = document.getElementById("status");
keyInput.value = sessionStorage.getItem("omcp-admin-key") || "";

function showStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

async function callApi(method, path) {
  const headers = {};
  if (keyInput.value) {
    headers["Authorization"] = "Bearer " + keyInput.value;
  }
  const response = await fetch(path, { method, headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(response.status + ": " + (body.message || response.statusText));
  }
  return body;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) {
    td.className = className;
  }
  return td;
}

function fillSilos(silos) {
  const body = document.querySelector("#silos tbody");
  body.replaceChildren();
  for (const silo of silos) {
    const row = body.insertRow();
    row.dataset.silo = silo.name;
    cell(row, silo.name);
    cell(row, silo.address);
    cell(row, silo.status);
    cell(row, silo.containers ?? "no report", "number");
    cell(row, silo.capacity ?? "", "number");
    cell(row, silo.host_name);
    cell(row, new Date(silo.started_at).toLocaleString());
  }
}

function fillSessions(sessions) {
  const body = document.querySelector("#sessions tbody");
  body.replaceChildren();
  for (const session of sessions) {
    const row = body.insertRow();
    row.dataset.sandboxId = session.sandbox_id;
    cell(row, session.sandbox_id);
    cell(row, session.tenant);
    cell(row, session.silo);
    cell(row, new Date(session.created_at).toLocaleString());
    cell(row, new Date(session.last_used_at).toLocaleString());
    cell(row, session.execution_count, "number");
    cell(row, session.status);
    const button = document.createElement("button");
    button.textContent = "End";
    button.addEventListener("click", () => endSession(session.sandbox_id));
    cell(row, "").appendChild(button);
  }
}

async function refresh() {
  sessionStorage.setItem("omcp-admin-key", keyInput.value);
  showStatus("Loading...", false);
  try {
    const [silos, sessions] = await Promise.all([callApi("GET", "/admin/api/silos"), callApi("GET", "/admin/api/sessions")]);
    fillSilos(silos.silos);
    fillSessions(sessions.sessions);
    const unreachable = sessions.unreachable.length ? `, ${sessions.unreachable.length} unreachable` : "";
    showStatus(`${silos.silos.length} silos, ${sessions.sessions.length} sessions${unreachable}, at ${new Date().toLocaleTimeString()}`, false);
  } catch (error) {
    showStatus("Loading failed: " + error.message, true);
  }
}

async function endSession(sandboxId) {
  if (!confirm("End sandbox " + sandboxId + "? Its container and interpreter state are removed.")) {
    return;
  }
  try {
    await callApi("DELETE", "/admin/api/sessions/" + encodeURIComponent(sandboxId));
    await refresh();
  } catch (error) {
    showStatus("Ending " + sandboxId + " failed: " + error.message, true);
  }
}

document.getElementById("key-form").addEventListener("submit", event => {
  event.preventDefault();
  refresh();
});
refresh();
</script>
</body>
</html>
""";
}
