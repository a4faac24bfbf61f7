-- An endpoint that could not be fetched has status ERROR, so the rule that says why is
-- ERROR_ENDPOINT_UNREACHABLE with severity ERROR, no longer WARN_ENDPOINT_UNREACHABLE with WARNING.
-- The stored findings are renamed rather than kept under the old id beside the new one: history then
-- speaks one vocabulary, a report written again from the database agrees with the endpoint's status,
-- and filters on the id see one name across runs. README names the old id for tools that filtered on it.

UPDATE finding SET rule_id = 'ERROR_ENDPOINT_UNREACHABLE', severity = 'ERROR'
WHERE rule_id = 'WARN_ENDPOINT_UNREACHABLE';
