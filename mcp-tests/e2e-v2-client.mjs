// Interop check with the v2 TypeScript client (@modelcontextprotocol/client), which speaks the stateless revision
// 2026-07-28 first. Toolgate does not offer that revision yet, so the client must fall back to 2025-11-25 and work.
// Usage: node e2e-v2-client.mjs http://127.0.0.1:PORT/mcp
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

const client = new Client({ name: "toolgate-v2-interop", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(process.argv[2] ?? "http://127.0.0.1:18180/mcp"));
let failed = 0;
const check = (name, ok, detail) => {
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${name}${ok || !detail ? "" : ": " + detail}`);
  if (!ok) failed++;
};

await client.connect(transport);
const negotiated = client.getNegotiatedProtocolVersion?.();
check("v2 client falls back to 2025-11-25", negotiated === "2025-11-25", String(negotiated));
const tools = await client.listTools();
check("tools/list works", tools.tools.some((t) => t.name === "lookup_customer"));
const result = await client.callTool({ name: "lookup_customer", arguments: { customer_id: 12345 } });
check("tools/call works", result.structuredContent?.name === "Alice Johnson", JSON.stringify(result).slice(0, 200));
await client.close();
console.log(`v2 client: ${failed === 0 ? "all checks passed" : failed + " check(s) failed"}`);
process.exit(failed === 0 ? 0 : 1);
