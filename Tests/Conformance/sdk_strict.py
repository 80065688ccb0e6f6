"""Drives assay-target with the official OpenAI Python SDK in strict response validation.

Every call must parse into the SDK's own types; a missing or mistyped member raises
APIResponseValidationError. Run by scripts/conformance.sh, which starts the target.
Usage: sdk_strict.py BASE_URL FULL_TOKEN MODELS_TOKEN
"""
import base64
import struct
import sys
import uuid

import openai
from openai import OpenAI

base_url, full_token, models_token = sys.argv[1:4]
results = []


def check(name, body):
    try:
        body()
        results.append((name, None))
    except Exception as error:  # report every failure, then fail the run
        results.append((name, f"{type(error).__name__}: {error}"))


def client(token=full_token, **extra):
    return OpenAI(base_url=base_url + "/v1", api_key=token, _strict_response_validation=True, **extra)


def expect_error(kind, call):
    try:
        call()
    except kind:
        return
    raise AssertionError(f"expected {kind.__name__}")


def models():
    page = client().models.list()
    assert [m.id for m in page.data], "no models"
    assert client().models.retrieve(page.data[0].id).id == page.data[0].id


def chat_plain():
    completion = client().chat.completions.create(
        model="assay-small", messages=[{"role": "user", "content": "Say hello"}], n=2, max_completion_tokens=50)
    assert len(completion.choices) == 2 and completion.choices[0].message.content


def chat_streamed():
    text = ""
    for chunk in client().chat.completions.create(
            model="assay-small", messages=[{"role": "user", "content": "Say hello"}], stream=True,
            stream_options={"include_usage": True}):
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
    assert text


def chat_stream_helper():
    with client().chat.completions.stream(
            model="assay-small", messages=[{"role": "user", "content": "Say hello"}]) as stream:
        for _ in stream:
            pass
        final = stream.get_final_completion()
    assert final.choices[0].message.content


def chat_tool_history():
    messages = [
        {"role": "user", "content": "What is the weather?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "Sunny"},
    ]
    assert client().chat.completions.create(model="assay-small", messages=messages).choices[0].message.content


def responses_plain():
    response = client().responses.create(model="assay-small", input="Say hello")
    assert response.output_text and response.usage.output_tokens_details is not None


def responses_incomplete():
    response = client().responses.create(model="assay-small", input="Tell a long story", max_output_tokens=1)
    assert response.status == "incomplete" and response.incomplete_details.reason == "max_output_tokens"


def responses_streamed():
    sequence = [event.sequence_number for event in
                client().responses.create(model="assay-small", input="Say hello", stream=True)]
    assert sequence == list(range(len(sequence))), sequence


def responses_stream_helper():
    with client().responses.stream(model="assay-small", input="Say hello") as stream:
        for _ in stream:
            pass
        final = stream.get_final_response()
    assert final.output_text


def stream_errors():
    # assay-stream-error fails part-way. Chat: the SDK raises APIError on the `{"error": …}` frame,
    # after the deltas before it. Responses: the `error` event parses as the SDK's ResponseErrorEvent.
    text = ""
    try:
        for chunk in client().chat.completions.create(
                model="assay-stream-error", messages=[{"role": "user", "content": "Say hello"}], stream=True):
            if chunk.choices and chunk.choices[0].delta.content:
                text += chunk.choices[0].delta.content
    except openai.APIError as error:
        assert text and error.message == "The model failed while streaming.", (text, error.message)
    else:
        raise AssertionError("the chat stream ended without raising APIError")
    events = list(client().responses.create(model="assay-stream-error", input="Say hello", stream=True))
    last = events[-1]
    assert type(last).__name__ == "ResponseErrorEvent" and last.code == "server_error" and last.message, last


def embeddings_float():
    result = client().embeddings.create(model="assay-small", input="hello", encoding_format="float")
    assert isinstance(result.data[0].embedding[0], float)


def embeddings_base64():
    # The SDK's default asks for base64 and decodes it to floats after parsing. Strict validation
    # runs before that decoding and types `embedding` as a list, so it rejects any base64 answer,
    # OpenAI's own included: the default path is driven without strict validation, then the raw
    # bytes are checked as little-endian float32.
    result = OpenAI(base_url=base_url + "/v1", api_key=full_token).embeddings.create(
        model="assay-small", input="hello", dimensions=4)
    vector = result.data[0].embedding
    assert len(vector) == 4 and abs(sum(v * v for v in vector) - 1) < 1e-3
    raw = client().embeddings.with_raw_response.create(
        model="assay-small", input="hello", dimensions=4, encoding_format="base64").http_response.json()
    floats = struct.unpack("<4f", base64.b64decode(raw["data"][0]["embedding"]))
    assert abs(sum(v * v for v in floats) - 1) < 1e-3


def error_classes():
    expect_error(openai.AuthenticationError, lambda: client("sk-wrong").models.list())
    expect_error(openai.PermissionDeniedError, lambda: client(models_token).chat.completions.create(
        model="assay-small", messages=[{"role": "user", "content": "x"}]))
    expect_error(openai.NotFoundError, lambda: client().models.retrieve("no-such-model"))
    expect_error(openai.BadRequestError, lambda: client().embeddings.create(
        model="assay-small", input="x", encoding_format="foo"))
    expect_error(openai.BadRequestError, lambda: client().chat.completions.create(
        model="assay-small", messages=[{"role": "user", "content": "x"}], logprobs=True))
    expect_error(openai.InternalServerError, lambda: client(max_retries=0).post(
        "/debug/fail", cast_to=object, body={}))


def idempotency():
    key = str(uuid.uuid4())
    first = client().with_options(default_headers={"Idempotency-Key": key}).embeddings.with_raw_response.create(
        model="assay-small", input="same")
    second = client().with_options(default_headers={"Idempotency-Key": key}).embeddings.with_raw_response.create(
        model="assay-small", input="same")
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert first.http_response.json() == second.http_response.json()
    expect_error(openai.UnprocessableEntityError, lambda: client().with_options(
        default_headers={"Idempotency-Key": key}).embeddings.create(model="assay-small", input="other"))


def rate_limits():
    # The rate-limit token's bucket is small; no retries, so the first 429 surfaces as RateLimitError.
    limited = client(models_token, max_retries=0)
    try:
        for _ in range(200):
            limited.models.list()
    except openai.RateLimitError as error:
        assert int(error.response.headers["Retry-After"]) >= 1
        return
    raise AssertionError("no 429 within 200 requests")


for name, body in [
    ("models", models), ("chat plain (n=2, max_completion_tokens)", chat_plain), ("chat streamed", chat_streamed),
    ("chat stream helper", chat_stream_helper), ("chat tool-call history", chat_tool_history),
    ("responses plain", responses_plain), ("responses incomplete", responses_incomplete),
    ("responses streamed", responses_streamed), ("responses stream helper", responses_stream_helper),
    ("stream errors (assay-stream-error)", stream_errors),
    ("embeddings float", embeddings_float), ("embeddings base64", embeddings_base64),
    ("error classes", error_classes), ("idempotency", idempotency), ("rate limits", rate_limits),
]:
    check(name, body)

for name, failure in results:
    print(("PASS " if failure is None else "FAIL ") + name + ("" if failure is None else ": " + failure))
print(f"openai {openai.__version__}: {sum(f is None for _, f in results)}/{len(results)} passed")
sys.exit(0 if all(f is None for _, f in results) else 1)
