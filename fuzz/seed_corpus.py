#!/usr/bin/env python3
"""Writes the seed corpus of one fuzzer from the shared specification cases and upstream pacts.

Usage: seed_corpus.py FUZZER SHARED_DIR CORPUS_DIR
The seeds are generated at run time into a temporary corpus, never committed.
"""
import base64
import json
import pathlib
import sys

SPEC_VERSIONS = {"v1": "1.0.0", "v1.1": "1.1.0", "v2": "2.0.0", "v3": "3.0.0", "v4": "4.0"}


def spec_cases(shared):
    for case in sorted((shared / "pact-spec").rglob("*.json")):
        version = case.relative_to(shared / "pact-spec").parts[0]
        kind = case.relative_to(shared / "pact-spec").parts[1]
        yield version, kind, case


def upstream_pacts(shared):
    return sorted((shared / "upstream-pacts").rglob("*.json"))


def load(path):
    return json.loads(path.read_bytes().decode("utf-8-sig"))


def pact_from_case(version, kind, case):
    """A whole pact document holding the case's expected request, response or message."""
    expected = load(case).get("expected")
    if not isinstance(expected, dict):
        return None
    document = {
        "consumer": {"name": "fuzz consumer"},
        "provider": {"name": "fuzz provider"},
        "metadata": {"pactSpecification": {"version": SPEC_VERSIONS[version]}},
    }
    if kind == "message":
        document["messages"] = [dict(expected, description="a message")]
    elif kind == "request":
        document["interactions"] = [{"description": "a request", "request": expected,
                                     "response": {"status": 200}}]
    else:
        document["interactions"] = [{"description": "a response",
                                     "request": {"method": "GET", "path": "/"}, "response": expected}]
    if version == "v4":
        for interaction in document.get("interactions", []):
            interaction["type"] = "Synchronous/HTTP"
        if "messages" in document:
            document["interactions"] = [dict(m, type="Asynchronous/Messages") for m in document.pop("messages")]
    return json.dumps(document).encode()


def http_request(method, target, body=None, content_type="application/json"):
    # The token is the one fuzz/broker_fuzzer.cpp configures, so that seeds reach past authentication.
    head = (f"{method} {target} HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n"
            "Authorization: Bearer fuzz-token\r\n")
    if body is None:
        return (head + "\r\n").encode()
    return (head + f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def broker_requests(shared):
    """Requests the official CLI sends, carrying the upstream pacts as bodies."""
    yield http_request("GET", "/")
    yield http_request("GET", "/diagnostic/status/heartbeat")
    yield http_request("GET", "/pacticipants")
    yield http_request("GET", "/matrix?q[][pacticipant]=Foo&q[][version]=1&latestby=cvpv")
    yield http_request("GET", "/can-i-deploy?pacticipant=Foo&version=1&environment=production")
    yield http_request("PUT", "/environments", json.dumps({"name": "production", "production": True}).encode())
    yield http_request("POST", "/environments", json.dumps({"name": "test", "production": False}).encode())
    yield http_request("PATCH", "/pacticipants/Foo", json.dumps({"mainBranch": "main"}).encode(),
                       "application/merge-patch+json")
    yield http_request("PUT", "/pacticipants/Foo/versions/1/tags/prod", b"{}")
    yield http_request("PUT", "/pacticipants/Foo/branches/main/versions/1", b"{}")
    yield http_request("DELETE", "/pacticipants/Foo/branches/main")
    yield http_request("POST", "/pacts/provider/Bar/for-verification",
                       json.dumps({"consumerVersionSelectors": [{"mainBranch": True}],
                                   "includePendingStatus": True, "includeWipPactsSince": "2020-01-01"}).encode())
    for index, pact in enumerate(upstream_pacts(shared)):
        content = pact.read_bytes()
        yield http_request("PUT", f"/pacts/provider/Bar/consumer/Foo/version/1.{index}", content)
        publication = {"pacticipantName": "Foo", "pacticipantVersionNumber": f"2.{index}", "branch": "main",
                       "tags": ["dev"], "contracts": [{"consumerName": "Foo", "providerName": "Bar",
                                                      "specification": "pact", "contentType": "application/json",
                                                      "content": base64.b64encode(content).decode()}]}
        yield http_request("POST", "/contracts/publish", json.dumps(publication).encode())
    yield http_request("POST", "/pacts/provider/Bar/consumer/Foo/pact-version/abc/verification-results",
                       json.dumps({"success": True, "providerApplicationVersion": "1",
                                   "testResults": [{"interactionId": "x", "success": True}]}).encode())


def provider_contracts():
    """OpenAPI 3.0, 3.1 and Swagger 2.0 documents, in YAML and JSON, using what the comparison reads."""
    order = {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "integer", "format": "int32"}, "total_cents": {"type": "integer"},
        "note": {"type": "string", "nullable": True}, "at": {"type": "string", "format": "date-time"},
        "items": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Item"},
                                                       {"type": "object", "properties": {"quantity": {"type": "integer"}}}]}}}}
    openapi_item = {"oneOf": [{"type": "object", "properties": {"sku": {"type": "string"}}}, {"type": "string", "enum": ["a"]}]}
    openapi = {
        "openapi": "3.0.3", "info": {"title": "orders", "version": "1"}, "servers": [{"url": "https://x/{v}", "variables": {"v": {"default": "v1"}}}],
        "security": [{"key": []}],
        "components": {"schemas": {"Order": order, "Item": openapi_item},
                       "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}},
        "paths": {"/orders/{id}": {"parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                                   "get": {"parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                                                          {"name": "status", "in": "query", "explode": False,
                                                           "schema": {"type": "array", "items": {"type": "string"}}}],
                                           "responses": {"200": {"description": "d", "headers": {"X-Total": {"schema": {"type": "integer"}}},
                                                                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                                                         "default": {"description": "e"}}}},
                  "/orders": {"post": {"requestBody": {"required": True, "content": {"application/json": {"schema": order}}},
                                       "responses": {"2XX": {"description": "d", "content": {"*/*": {}}}}}},
                  "/orders/{id}.json": {"delete": {"responses": {"404": {"description": "gone"}}}}}}
    swagger_order = json.loads(json.dumps(order).replace("#/components/schemas/", "#/definitions/"))
    swagger = {"swagger": "2.0", "info": {"title": "orders", "version": "1"}, "basePath": "/v1", "consumes": ["application/json"],
               "produces": ["application/json"],
               "definitions": {"Order": swagger_order, "Item": openapi_item},
               "paths": {"/orders": {"post": {"parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Order"}},
                                                             {"name": "X-Id", "in": "header", "type": "string", "required": True}],
                                              "responses": {"201": {"description": "d", "schema": {"type": "array", "items": {}}}}}}}}
    openapi_3_1 = dict(openapi, openapi="3.1.0")
    for document in (openapi, swagger, openapi_3_1):
        yield json.dumps(document).encode()
        yield yaml_of(document).encode()


def yaml_of(value, indent=0):
    """Block-style YAML of a JSON value (no library needed): keys and strings quoted as JSON strings, which YAML reads."""
    pad = "  " * indent
    if isinstance(value, dict) and value:
        return "".join(f"{pad}{json.dumps(key)}:" + (f"\n{yaml_of(item, indent + 1)}" if isinstance(item, (dict, list)) and item
                                                      else f" {json.dumps(item)}\n") for key, item in value.items())
    if isinstance(value, list) and value:
        return "".join(f"{pad}-" + (f"\n{yaml_of(item, indent + 1)}" if isinstance(item, (dict, list)) and item
                                     else f" {json.dumps(item)}\n") for item in value)
    return f"{pad}{json.dumps(value)}\n"


def seeds(fuzzer, shared):
    if fuzzer == "fuzz_pact_reader":
        for pact in upstream_pacts(shared):
            yield pact.read_bytes()
        for version, kind, case in spec_cases(shared):
            document = pact_from_case(version, kind, case)
            if document is not None:
                yield document
    elif fuzzer == "fuzz_matching":
        for _, _, case in spec_cases(shared):
            yield case.read_bytes()
    elif fuzzer == "fuzz_broker":
        yield from broker_requests(shared)
    elif fuzzer == "fuzz_provider_contract":
        yield from provider_contracts()
    else:
        raise SystemExit(f"no seeds known for {fuzzer}")


def main():
    fuzzer, shared, corpus = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    corpus.mkdir(parents=True, exist_ok=True)
    count = 0
    for count, seed in enumerate(seeds(fuzzer, shared), start=1):
        (corpus / f"seed-{count:04d}").write_bytes(seed)
    print(f"{fuzzer}: {count} seeds")


if __name__ == "__main__":
    main()
