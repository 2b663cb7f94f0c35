// A test upstream for Toolgate's MCP 2026-07-28 client: a stateless MCP server over Streamable HTTP built with the
// official TypeScript SDK v2 (@modelcontextprotocol/server's createMcpHandler, served on node:http through
// @modelcontextprotocol/node), so the protocol on the wire is the SDK's, not ours: no initialize, the _meta envelope
// on every request, server/discover, subscriptions/listen, the Mcp-Method/Mcp-Name headers, and cancellation by
// closing the response stream. Its tools let a test see what arrived: echo, count_slowly (progress, cancellation),
// cancellations, whoami (the verified token's sub and the X-Toolgate-Caller header) and add_tool (which announces
// notifications/tools/list_changed on open listen streams).
//
//   node stateless.mjs [--oauth] [--legacy]
//
// prints one line of JSON on stdout once it listens on 127.0.0.1 (nothing else goes to stdout; logs go to stderr):
//   {"mcp":"http://127.0.0.1:PORT/mcp"}
// With --oauth it also starts an OAuth 2.1 authorization server (oauth2-mock-server) on another port that gives
// client_credentials tokens only to client toolgate / s3cret (client_secret_basic or client_secret_post; anything else
// is answered 401 invalid_client), puts an RFC 8707 resource parameter into the token's aud, and the MCP endpoint then
// wants "Authorization: Bearer <JWT>" signed by it (401 with WWW-Authenticate: Bearer otherwise); the line is then
//   {"mcp":"…","issuer":"http://127.0.0.1:PORT2","token_endpoint":"http://127.0.0.1:PORT2/token"}
// and the tool token_requests tells how many tokens were issued. 2025-era requests (initialize, no _meta envelope) are
// refused unless --legacy is given, which turns on the SDK's stateless 2025 fallback.
// It exits when its standard input closes (so a stdin that is closed from the start, </dev/null, ends it at once) or on
// SIGTERM. Over HTTP the 2026-07-28 revision cancels a request by closing its response stream, and that is what
// count_slowly counts: a notifications/cancelled POSTed on its own reaches a fresh server instance and is dropped (202).
import { createServer } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  McpServer, createMcpHandler, verifyBearerToken, bearerAuthChallengeResponse, oauthMetadataResponse,
  getOAuthProtectedResourceMetadataUrl, OAuthError, OAuthErrorCode,
} from "@modelcontextprotocol/server";
import { toNodeHandler, localhostHostValidation, localhostOriginValidation } from "@modelcontextprotocol/node";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { z } from "zod";

// stdout carries the one ready line; anything a library logs goes to stderr.
console.log = console.error;
console.info = console.error;

const oauth = process.argv.includes("--oauth");
const legacy = process.argv.includes("--legacy");
const CLIENT_ID = "toolgate";
const CLIENT_SECRET = "s3cret";

let cancelledCalls = 0;
let tokensIssued = 0;
const addedTools = [];

const textResult = (text) => ({ content: [{ type: "text", text }] });
const echoSchema = z.object({ message: z.string().describe("The text to echo back") });

// createMcpHandler asks for a fresh server per HTTP request, so whatever must outlive a request lives above.
function buildServer() {
  const server = new McpServer({ name: "toolgate-stateless-test-upstream", version: "1.0.0" },
    { capabilities: { tools: { listChanged: true } } });
  server.registerTool("echo", {
    description: "Echoes the message back as \"Echo: <message>\".",
    inputSchema: echoSchema,
    annotations: { readOnlyHint: true, idempotentHint: true },
  }, async ({ message }) => textResult(`Echo: ${message}`));

  server.registerTool("count_slowly", {
    description: "Counts to steps, waiting delay_ms before each, with a progress notification after each step when"
      + " the call has a progressToken. A call cancelled on the way is counted (see the cancellations tool).",
    inputSchema: z.object({
      steps: z.number().int().min(0).describe("How many steps to count"),
      delay_ms: z.number().int().min(0).describe("Milliseconds to wait before each step"),
    }),
  }, async ({ steps, delay_ms }, ctx) => {
    const signal = ctx.mcpReq.signal;
    const progressToken = ctx.mcpReq._meta?.progressToken;
    let counted = false;
    const onAbort = () => {
      if (!counted) {
        counted = true;
        cancelledCalls++;
        console.error(`count_slowly: cancelled (${signal.reason?.message ?? signal.reason})`);
      }
    };
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      for (let i = 1; i <= steps; i++) {
        await sleep(delay_ms, undefined, { signal });
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({
            method: "notifications/progress",
            params: { progressToken, progress: i, total: steps, message: `step ${i}` },
          });
        }
      }
    } catch (error) {
      if (signal.aborted) onAbort(); // also when it was aborted before the listener was there
      throw error;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    return textResult(`counted ${steps}`);
  });

  server.registerTool("cancellations", {
    description: "How many count_slowly calls were cancelled so far, as a decimal number.",
    inputSchema: z.object({}),
    annotations: { readOnlyHint: true },
  }, async () => textResult(String(cancelledCalls)));

  server.registerTool("whoami", {
    description: "The verified access token's sub and the X-Toolgate-Caller request header, as JSON (null when absent).",
    inputSchema: z.object({}),
    annotations: { readOnlyHint: true },
  }, async (_args, ctx) => textResult(JSON.stringify({
    sub: ctx.http?.authInfo?.extra?.sub ?? null,
    caller: ctx.http?.req?.headers.get("x-toolgate-caller") ?? null,
  })));

  server.registerTool("add_tool", {
    description: "Test control: adds a tool of that name (it echoes {message}) and announces"
      + " notifications/tools/list_changed to open subscriptions/listen streams.",
    inputSchema: z.object({ name: z.string().describe("The new tool's name") }),
  }, async ({ name }) => {
    if (!addedTools.includes(name)) addedTools.push(name);
    handler.notify.toolsChanged();
    return textResult(`added ${name}`);
  });

  for (const name of addedTools) {
    server.registerTool(name, { description: `Added by add_tool: echoes the message.`, inputSchema: echoSchema },
      async ({ message }) => textResult(`Echo: ${message}`));
  }

  if (oauth) {
    server.registerTool("token_requests", {
      description: "How many access tokens the authorization server issued so far, as a decimal number.",
      inputSchema: z.object({}),
      annotations: { readOnlyHint: true },
    }, async () => textResult(String(tokensIssued)));
  }
  return server;
}

const handler = createMcpHandler(buildServer, {
  legacy: legacy ? "stateless" : "reject",
  onerror: (error) => console.error(`mcp: ${error.message}`),
});
const serveMcp = toNodeHandler(handler, { onerror: (error) => console.error(`mcp adapter: ${error.message}`) });
const validHost = localhostHostValidation();
const validOrigin = localhostOriginValidation();

// --- the authorization server (only with --oauth) ---

let authServer;
let issuer;
if (oauth) {
  const authIssuer = new OAuth2Issuer();
  await authIssuer.keys.generate("RS256");
  const service = new OAuth2Service(authIssuer);
  // The mock's own discovery document offers token_endpoint_auth_methods_supported ["none"] and it has no RFC 8414
  // one: both discovery paths answer with what this server really does, everything else is the mock's.
  authServer = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && (path === "/.well-known/oauth-authorization-server"
        || path === "/.well-known/openid-configuration")) {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(authorizationServerMetadata()));
      return;
    }
    service.requestHandler(req, res);
  });
  await new Promise((resolve, reject) => authServer.listen(0, "127.0.0.1").once("listening", resolve).once("error", reject));
  authIssuer.url = `http://127.0.0.1:${authServer.address().port}`;
  issuer = authIssuer.url;
  // RFC 8707: the resource the client asked for becomes the token's audience; a client_credentials token's subject
  // is the client.
  service.on("beforeTokenSigning", (token, req) => {
    const client = clientOf(req);
    if (client?.id) {
      token.payload.sub = client.id;
      token.payload.client_id = client.id;
    }
    const resource = req.body?.resource;
    if (resource !== undefined) token.payload.aud = resource;
  });
  // oauth2-mock-server checks no client: this hook refuses every client but toolgate/s3cret and counts the rest.
  service.on("beforeResponse", (response, req) => {
    if (response.statusCode !== 200) return;
    const client = clientOf(req);
    if (client?.id === CLIENT_ID && client.secret === CLIENT_SECRET) {
      tokensIssued++;
      return;
    }
    response.statusCode = 401;
    response.body = { error: "invalid_client", error_description: "Client authentication failed" };
    if (client?.basic) req.res?.set("WWW-Authenticate", 'Basic realm="toolgate-test"');
  });
}

function authorizationServerMetadata() {
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code"],
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
  };
}

// The client's credentials from client_secret_basic (RFC 6749 2.3.1: form-encoded, then Basic) or client_secret_post.
function clientOf(req) {
  const header = req.headers.authorization ?? "";
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (match) {
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { basic: true };
    const formDecode = (s) => { try { return decodeURIComponent(s.replaceAll("+", " ")); } catch { return s; } };
    return { basic: true, id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  }
  const body = req.body ?? {};
  if (typeof body.client_id === "string") return { basic: false, id: body.client_id, secret: body.client_secret };
  return undefined;
}

// --- the MCP endpoint ---

const mcpServer = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (oauth && url.pathname.startsWith("/.well-known/")) {
      const metadata = oauthMetadataResponse(new Request(new URL(url.pathname, mcpUrl), { method: req.method }),
        metadataOptions());
      if (metadata) return await writeWebResponse(res, metadata);
    }
    if (url.pathname !== "/mcp") {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
      return;
    }
    if (!validHost(req, res) || !validOrigin(req, res)) return;
    if (oauth) {
      try {
        req.auth = await verifyBearerToken(req.headers.authorization, {
          verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(mcpUrl)),
        });
      } catch (error) {
        console.error(`mcp: refused a request without a valid token (${error.message})`);
        return await writeWebResponse(res, bearerAuthChallengeResponse(error,
          { resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(mcpUrl)) }));
      }
    }
    await serveMcp(req, res);
  } catch (error) {
    console.error(`mcp: ${error.stack ?? error}`);
    if (!res.headersSent) res.writeHead(500).end();
  }
});

let jwks;
const verifier = {
  async verifyAccessToken(token) {
    jwks ??= createRemoteJWKSet(new URL(`${issuer}/jwks`));
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer }));
    } catch (error) {
      throw new OAuthError(OAuthErrorCode.InvalidToken, `Invalid token: ${error.message}`);
    }
    // A token bound to a resource (aud from RFC 8707) is accepted only for this endpoint.
    if (payload.aud !== undefined) {
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes(mcpUrl)) {
        throw new OAuthError(OAuthErrorCode.InvalidToken, `Token audience ${JSON.stringify(payload.aud)} is not ${mcpUrl}`);
      }
    }
    return {
      token,
      clientId: String(payload.client_id ?? payload.sub ?? ""),
      scopes: typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [],
      expiresAt: payload.exp,
      ...(payload.aud !== undefined && { resource: new URL(mcpUrl) }),
      extra: { sub: payload.sub ?? null },
    };
  },
};

function metadataOptions() {
  return {
    resourceServerUrl: new URL(mcpUrl),
    resourceName: "Toolgate stateless test upstream",
    dangerouslyAllowInsecureIssuerUrl: true,
    oauthMetadata: authorizationServerMetadata(),
  };
}

async function writeWebResponse(res, response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

await new Promise((resolve, reject) => mcpServer.listen(0, "127.0.0.1").once("listening", resolve).once("error", reject));
const mcpUrl = `http://127.0.0.1:${mcpServer.address().port}/mcp`;

process.stdout.write(JSON.stringify({
  mcp: mcpUrl, ...(oauth && { issuer, token_endpoint: `${issuer}/token` }),
}) + "\n");

let stopping = false;
async function stop(why) {
  if (stopping) return;
  stopping = true;
  console.error(`stateless: stopping (${why})`);
  setTimeout(() => process.exit(0), 2000).unref();
  await handler.close().catch(() => {});
  mcpServer.closeAllConnections?.();
  mcpServer.close();
  authServer?.closeAllConnections();
  authServer?.close();
  process.exit(0);
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.stdin.on("end", () => stop("stdin closed"));
process.stdin.on("close", () => stop("stdin closed"));
process.stdin.resume();
