// Runs the core sandbox flow against an OmcpSandbox front end with the MCP TypeScript SDK.
// Usage: node client.mjs MCP_URL API_KEY
// Prints one JSON object with what each step returned, and exits with status 1 when a step fails.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, apiKey] = process.argv.slice(2);
if (!url || !apiKey) {
  console.error("usage: node client.mjs MCP_URL API_KEY");
  process.exit(2);
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
});
const client = new Client({ name: "omcp-ts-check", version: "1.0.0" });

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const report = {};
try {
  await client.connect(transport);
  const tools = await client.listTools();
  report.tools = tools.tools.map((tool) => tool.name).sort();

  const created = await client.callTool({ name: "create_sandbox", arguments: {} });
  expect(!created.isError, `create_sandbox failed: ${JSON.stringify(created)}`);
  const sandboxId = created.structuredContent.sandbox_id;
  report.sandboxId = sandboxId;

  await client.callTool({ name: "execute_python_code", arguments: { sandbox_id: sandboxId, code: "greeting = 'hello from ts'" } });
  const executed = await client.callTool({
    name: "execute_python_code",
    arguments: { sandbox_id: sandboxId, code: "print(greeting.upper())", timeout: 10 },
  });
  expect(!executed.isError, `execute_python_code failed: ${JSON.stringify(executed)}`);
  report.output = executed.structuredContent.output;
  report.text = executed.content.map((block) => block.text).join("");

  const unknown = await client.callTool({
    name: "execute_python_code",
    arguments: { sandbox_id: "sbx-00000000000000000000000000000000", code: "print(1)" },
  });
  report.unknownIsError = unknown.isError === true;

  const removed = await client.callTool({ name: "remove_sandbox", arguments: { sandbox_id: sandboxId, force: true } });
  report.removed = removed.structuredContent.success;
  console.log(JSON.stringify(report));
  await client.close();
} catch (error) {
  console.log(JSON.stringify({ ...report, failure: String(error) }));
  process.exit(1);
}
