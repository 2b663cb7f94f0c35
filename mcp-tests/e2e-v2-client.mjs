// Interop check with the v2 TypeScript client (@modelcontextprotocol/client), pinned to the stateless revision
// 2026-07-28: no fallback to 2025-11-25 is allowed. Every HTTP request the client sends is recorded, so the checks see
// what went over the wire (server/discover first, no initialize, no session, the 2026 headers and per-request _meta),
// not only what the client reports. Needs the server's conformance fixtures (test://static-text, test_simple_prompt,
// slow_compute). Usage: node e2e-v2-client.mjs http://127.0.0.1:PORT/mcp   (exit code 0 when every check passed)
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

const REVISION = "2026-07-28";
const TASKS = "io.modelcontextprotocol/tasks";
const url = new URL(process.argv[2] ?? "http://127.0.0.1:18180/mcp");
let failed = 0;
const check = (name, ok, detail) => {
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${name}${ok || detail === undefined ? "" : ": " + detail}`);
  if (!ok) failed++;
};
const short = (value) => JSON.stringify(value)?.slice(0, 300);
const text = (result) => (result?.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
// An explicit result schema that accepts any object: how this client sends an extension method such as tasks/get.
const anyResult = { "~standard": { version: 1, vendor: "toolgate-e2e", validate: (value) => ({ value }) } };

/** Every request the client's transport sends: HTTP method, headers and JSON body. */
const wire = [];
const recordingFetch = async (input, init = {}) => {
  let body;
  try {
    body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
  } catch {
    body = init.body;
  }
  wire.push({ method: init.method ?? "GET", headers: Object.fromEntries(new Headers(init.headers).entries()), body });
  return fetch(input, init);
};

const client = new Client({ name: "toolgate-v2-interop", version: "1.0.0" },
  { versionNegotiation: { mode: { pin: REVISION } } });
try {
  await client.connect(new StreamableHTTPClientTransport(url, { fetch: recordingFetch }));
} catch (e) {
  // A server without 2026-07-28 ends here: a pinned client does not fall back.
  check(`connect pinned to ${REVISION}`, false, `${e?.code ?? ""} ${e?.message}`);
  console.log("v2 client: could not connect");
  process.exit(1);
}

// What the client reports.
check(`negotiated ${REVISION} (pinned: no fallback)`, client.getNegotiatedProtocolVersion() === REVISION,
  client.getNegotiatedProtocolVersion());
check("protocol era is modern", client.getProtocolEra() === "modern", client.getProtocolEra());
const discovered = client.getDiscoverResult();
check(`server/discover offers ${REVISION}`, discovered?.supportedVersions?.includes(REVISION), short(discovered));
check(`server/discover advertises the tasks extension`, discovered?.capabilities?.extensions?.[TASKS] !== undefined,
  short(discovered?.capabilities));

// tools
const tools = await client.listTools();
const names = tools.tools.map((t) => t.name);
check("tools/list has lookup_customer and search_products",
  names.includes("lookup_customer") && names.includes("search_products"), short(names));
const lookup = await client.callTool({ name: "lookup_customer", arguments: { customer_id: 12345 } });
check("tools/call lookup_customer 12345 is Alice Johnson",
  !lookup.isError && lookup.structuredContent?.name === "Alice Johnson", short(lookup));
const invalid = await client.callTool({ name: "lookup_customer", arguments: { customer_id: "twelve" } });
check("tools/call with invalid arguments is isError naming customer_id",
  invalid.isError === true && /VALIDATION_ERROR/.test(text(invalid)) && /customer_id/.test(text(invalid)),
  short(invalid));

// resources
const resources = await client.listResources();
const uris = resources.resources.map((r) => r.uri);
const document = uris.find((u) => u.startsWith("toolgate://documents/"));
check("resources/list has test://static-text and a toolgate://documents/ one",
  uris.includes("test://static-text") && document !== undefined, short(uris));
const staticText = await client.readResource({ uri: "test://static-text" });
check("resources/read test://static-text",
  staticText.contents?.[0]?.text === "This is the content of the static text resource.", short(staticText));
if (document) {
  const doc = await client.readResource({ uri: document });
  check(`resources/read ${document}`, doc.contents?.[0]?.uri === document && doc.contents[0].text?.length > 0,
    short(doc));
}

// prompts
const prompts = await client.listPrompts();
check("prompts/list has test_simple_prompt", prompts.prompts.some((p) => p.name === "test_simple_prompt"),
  short(prompts.prompts.map((p) => p.name)));
const prompt = await client.getPrompt({ name: "test_simple_prompt" });
check("prompts/get test_simple_prompt",
  prompt.messages?.[0]?.content?.text === "This is a simple prompt for testing.", short(prompt));

// A task-capable tool (slow_compute, taskSupport optional) from a client that did not declare the tasks extension:
// answered directly however long it runs.
const slow = await client.callTool({ name: "slow_compute", arguments: { seconds: 1, label: "direct" } });
check("task-capable tool without the tasks extension is answered directly",
  !slow.isError && text(slow) === "Computed direct in 1 s", short(slow));

// What went over the wire.
const posts = wire.filter((r) => r.method === "POST" && r.body && typeof r.body === "object");
const requests = posts.filter((r) => r.body.id !== undefined);
check("first request is server/discover", requests[0]?.body?.method === "server/discover",
  requests[0]?.body?.method);
check("no initialize was sent", !posts.some((r) => r.body.method === "initialize"),
  short(posts.map((r) => r.body.method)));
const offWire = requests.filter((r) => r.headers["mcp-protocol-version"] !== REVISION
  || r.body.params?._meta?.["io.modelcontextprotocol/protocolVersion"] !== REVISION
  || r.headers["mcp-method"] !== r.body.method);
check(`every request carries MCP-Protocol-Version ${REVISION}, Mcp-Method and _meta protocolVersion`,
  requests.length >= 10 && offWire.length === 0, `${requests.length} requests, off: ${short(offWire)}`);
check("no Mcp-Session-Id was sent", !wire.some((r) => "mcp-session-id" in r.headers));
await client.close();

// The tasks extension. Client 2.4.0 has no task support on tools/call: declaring the extension makes Toolgate answer
// a long call with a task (resultType "task"), which the client rejects (UNSUPPORTED_RESULT_TYPE) even with an
// explicit result schema, so the task is created by a plain POST here; the client then polls it with tasks/get, an
// extension method it sends with an explicit result schema.
const tasking = new Client({ name: "toolgate-v2-interop-tasks", version: "1.0.0" },
  { versionNegotiation: { mode: { pin: REVISION } }, capabilities: { extensions: { [TASKS]: {} } } });
await tasking.connect(new StreamableHTTPClientTransport(url));
try {
  const r = await tasking.callTool({ name: "slow_compute", arguments: { seconds: 1, label: "sdk" } });
  // A later client that handles tasks itself: it must end with the tool's own result.
  check("tools/call of a task-capable tool by a client with the tasks extension", text(r) === "Computed sdk in 1 s",
    short(r));
} catch (e) {
  check("tools/call by a client declaring the tasks extension becomes a task (2.4.0 rejects: UNSUPPORTED_RESULT_TYPE)",
    e?.code === "UNSUPPORTED_RESULT_TYPE" && e?.data?.resultType === "task", `${e?.code} ${e?.message}`);
}
const meta = {
  "io.modelcontextprotocol/protocolVersion": REVISION,
  "io.modelcontextprotocol/clientInfo": { name: "toolgate-v2-interop-raw", version: "1.0.0" },
  "io.modelcontextprotocol/clientCapabilities": { extensions: { [TASKS]: {} } },
};
const created = await (await fetch(url, {
  method: "POST",
  headers: {
    "content-type": "application/json", accept: "application/json, text/event-stream",
    "mcp-protocol-version": REVISION, "mcp-method": "tools/call", "mcp-name": "slow_compute",
  },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call",
    params: { name: "slow_compute", arguments: { seconds: 1, label: "task" }, _meta: meta } }),
})).json();
const taskId = created.result?.taskId;
check("raw tools/call with the tasks extension creates a working task",
  created.result?.resultType === "task" && typeof taskId === "string" && created.result.status === "working",
  short(created));
if (typeof taskId === "string") {
  let task;
  const deadline = Date.now() + 20_000;
  do {
    await new Promise((resolve) => setTimeout(resolve, task?.pollIntervalMs ?? 300));
    task = await tasking.request({ method: "tasks/get", params: { taskId } }, anyResult);
  } while (task.status === "working" && Date.now() < deadline);
  check("v2 client polls tasks/get to completed with the tool's result",
    task.taskId === taskId && task.status === "completed" && text(task.result) === "Computed task in 1 s",
    short(task));
}
await tasking.close();

// 'auto' negotiation (probe, fallback allowed) must also settle on the newest revision.
const auto = new Client({ name: "toolgate-v2-interop-auto", version: "1.0.0" },
  { versionNegotiation: { mode: "auto" } });
await auto.connect(new StreamableHTTPClientTransport(url));
check(`'auto' negotiation settles on ${REVISION}`, auto.getNegotiatedProtocolVersion() === REVISION,
  auto.getNegotiatedProtocolVersion());
await auto.close();

console.log(`v2 client: ${failed === 0 ? "all checks passed" : failed + " check(s) failed"}`);
process.exit(failed === 0 ? 0 : 1);
