/**
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification) with no transport: a bounded codec, the
 * message model and a dispatcher that turns text in into reply text out.
 */
package dev.remotemedia.signaling.jsonrpc;
