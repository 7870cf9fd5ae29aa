-- Grain state for Microsoft.Orleans.Persistence.AdoNet. The provider hashes the grain id and grain type to
-- GrainIdHash and GrainTypeHash for the index and passes the full key as well, which the queries compare so
-- that a hash collision cannot mix two grains. Version is the ETag: it starts at 1 and grows by one per write
-- or clear, and a write or clear whose GrainStateVersion does not match changes nothing.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainTypeHash integer NOT NULL,
    GrainTypeString varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId varchar(150) NOT NULL,
    PayloadBinary bytea NULL,
    ModifiedOn timestamptz NOT NULL DEFAULT now(),
    Version integer NOT NULL
);

CREATE INDEX IF NOT EXISTS OrleansStorage_Hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- One row per grain: two activations that both insert a first state cannot both succeed.
CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_Grain ON OrleansStorage
    (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, (coalesce(GrainIdExtensionString, '')));

-- Returns the new version, or null when the expected version does not match (the provider then raises
-- InconsistentStateException). A null expected version means the grain has no row yet.
CREATE OR REPLACE FUNCTION omcp_write_grain_state(
    grain_id_hash integer,
    grain_id_n0 bigint,
    grain_id_n1 bigint,
    grain_type_hash integer,
    grain_type_string varchar,
    grain_id_extension_string varchar,
    service_id varchar,
    expected_version integer,
    payload_binary bytea)
RETURNS integer
LANGUAGE plpgsql
AS $function$
DECLARE
    new_version integer;
BEGIN
    IF expected_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string, grain_id_extension_string,
             service_id, payload_binary, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO new_version;
    ELSE
        UPDATE OrleansStorage
        SET PayloadBinary = payload_binary, ModifiedOn = now(), Version = Version + 1
        WHERE GrainIdHash = grain_id_hash AND GrainTypeHash = grain_type_hash
          AND GrainIdN0 = grain_id_n0 AND GrainIdN1 = grain_id_n1
          AND GrainTypeString = grain_type_string
          AND GrainIdExtensionString IS NOT DISTINCT FROM grain_id_extension_string
          AND ServiceId = service_id
          AND Version = expected_version
        RETURNING Version INTO new_version;
    END IF;

    RETURN new_version;
END;
$function$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', $query$
SELECT omcp_write_grain_state(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
    @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$query$),

-- Zero rows means the grain has no state. A cleared grain keeps its row with a null payload and its version.
('ReadFromStorageKey', $query$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId;
$query$),

-- Returns one row: the new version, or the expected version unchanged when it did not match, which the provider
-- reports as a version conflict.
('ClearStorageKey', $query$
WITH cleared AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version
)
SELECT coalesce((SELECT Version FROM cleared), @GrainStateVersion) AS NewGrainStateVersion;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
