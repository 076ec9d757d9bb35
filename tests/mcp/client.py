"""A real MCP client for tests/mcp.rs: the official Python SDK (`mcp`, pinned in requirements.txt).

Usage: client.py PLAN_JSON

PLAN is a JSON object:
  {"transport": "stdio", "command": "/path/hexaglot", "args": ["--data-dir", "D", "mcp"], "env": {...}}
  or {"transport": "http", "url": "http://127.0.0.1:PORT/mcp", "token": "..." | null}
  plus "mode": "legacy" (initialize, protocol 2025-11-25, sessions) or "modern" (server/discover,
  2026-07-28, no sessions), and "steps": a list of
    {"op": "list_tools"} | {"op": "call", "tool": NAME, "args": {...}} | {"op": "list_resources", "cursor": C?}
    | {"op": "list_templates"} | {"op": "read", "uri": URI}

Prints one JSON object: {"protocol", "server", "results": [one per step]}, each result either the
MCP result as JSON (by alias: inputSchema, structuredContent, isError, mimeType, nextCursor ...) or
{"error": {"code", "message"}} when the server answered a JSON-RPC error. The Rust test asserts on it.
"""

import json
import os
import sys

import anyio
import httpx2
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp.types import PaginatedRequestParams


def dump(result):
    return result.model_dump(mode="json", by_alias=True, exclude_none=True)


async def run_steps(session, plan):
    if plan.get("mode", "legacy") == "legacy":
        init = await session.initialize()
        protocol = init.protocol_version
    else:
        await session.discover()
        protocol = session.protocol_version
    out = {"protocol": protocol, "server": session.server_info.name if session.server_info else None, "results": []}
    for step in plan["steps"]:
        op = step["op"]
        try:
            if op == "list_tools":
                result = await session.list_tools()
            elif op == "call":
                result = await session.call_tool(step["tool"], step.get("args", {}))
            elif op == "list_resources":
                cursor = step.get("cursor")
                result = await session.list_resources(params=PaginatedRequestParams(cursor=cursor) if cursor else None)
            elif op == "list_templates":
                result = await session.list_resource_templates()
            elif op == "read":
                result = await session.read_resource(step["uri"])
            else:
                raise ValueError(f"unknown op {op}")
            out["results"].append(dump(result))
        except MCPError as e:
            out["results"].append({"error": {"code": e.error.code, "message": e.error.message}})
    return out


async def bounded(plan):
    # A hung server fails the test instead of hanging it.
    with anyio.fail_after(120):
        return await main(plan)


async def main(plan):
    if plan["transport"] == "stdio":
        # The SDK starts the server with a minimal environment: pass what it needs explicitly.
        env = {"PATH": os.environ.get("PATH", ""), "RUST_LOG": "warn", **plan.get("env", {})}
        params = StdioServerParameters(command=plan["command"], args=plan["args"], env=env)
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                return await run_steps(session, plan)
    headers = {"Authorization": f"Bearer {plan['token']}"} if plan.get("token") else {}
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(60, read=300)) as client:
        async with streamable_http_client(plan["url"], http_client=client) as (read, write):
            async with ClientSession(read, write) as session:
                return await run_steps(session, plan)


if __name__ == "__main__":
    plan = json.loads(sys.argv[1])
    print(json.dumps(anyio.run(bounded, plan)))
