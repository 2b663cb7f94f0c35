// End-to-end check of Toolgate's MCP door with the official TypeScript SDK client over Streamable HTTP.
// Usage: node e2e-sdk.mjs http://127.0.0.1:PORT/mcp   (exit code 0 when every check passed)
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = new URL(process.argv[2] ?? "http://127.0.0.1:18180/mcp");
let failed = 0;

function check(name, condition, detail) {
  if (condition) {
    console.log(`  ok    ${name}`);
  } else {
    failed++;
    console.log(`  FAIL  ${name}${detail ? ": " + detail : ""}`);
  }
}

const client = new Client({ name: "toolgate-e2e", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(url);
await client.connect(transport);
check("initialize negotiated a session", typeof transport.sessionId === "string" && transport.sessionId.length >= 22,
  String(transport.sessionId));
check("server is toolgate", client.getServerVersion()?.name === "toolgate", JSON.stringify(client.getServerVersion()));
check("tools.listChanged advertised", client.getServerCapabilities()?.tools?.listChanged === true);

const tools = [];
let cursor;
do {
  const page = await client.listTools(cursor ? { cursor } : {});
  tools.push(...page.tools);
  cursor = page.nextCursor;
} while (cursor);
const names = tools.map((t) => t.name);
check("tools/list includes search_products", names.includes("search_products"), names.join(","));
check("every tool has an inputSchema of type object", tools.every((t) => t.inputSchema?.type === "object"));

// The SDK validates structuredContent against the published outputSchema: a mismatch would throw here.
const found = await client.callTool({ name: "search_products", arguments: { query: "laptop", max_price: 1000 } });
check("search_products succeeds", found.isError !== true, JSON.stringify(found).slice(0, 300));
check("search_products returns structuredContent", found.structuredContent?.query === "laptop");
check("text content carries the same JSON",
  JSON.stringify(JSON.parse(found.content?.[0]?.text ?? "null")) === JSON.stringify(found.structuredContent));
check("max_price is honoured", (found.structuredContent?.results ?? []).every((p) => p.price <= 1000));

const invalid = await client.callTool({ name: "search_products", arguments: { query: "", max_price: -5 } });
check("validation failure comes back as isError", invalid.isError === true, JSON.stringify(invalid));
check("validation failure names its code and fields",
  /VALIDATION_ERROR/.test(invalid.content?.[0]?.text ?? "") && /query/.test(invalid.content?.[0]?.text ?? ""),
  invalid.content?.[0]?.text);

try {
  await client.callTool({ name: "no_such_tool", arguments: {} });
  check("unknown tool is a JSON-RPC error", false, "no error thrown");
} catch (e) {
  check("unknown tool is a JSON-RPC error -32602", e?.code === -32602, String(e));
}

const pong = await client.ping();
check("ping answers {}", pong && Object.keys(pong).length === 0, JSON.stringify(pong));

await transport.terminateSession();
check("DELETE ends the session", transport.sessionId === undefined, String(transport.sessionId));
await client.close();

console.log(`sdk: ${failed === 0 ? "all checks passed" : failed + " check(s) failed"}`);
process.exit(failed === 0 ? 0 : 1);
