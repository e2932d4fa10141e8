# The Python invoke runner (dist/runner.py): loads a handler module and calls it on request, with the
# semantics of Lambda's Python runtime (awslambdaric). Standard library only; the model, summaries and
# diagnostics are computed by the host. It speaks the host's Node IPC channel: line-delimited JSON on
# the file descriptor in NODE_CHANNEL_FD (the same messages as dist/runner.js, see wire.ts).
import json
import os
import sys
import time

# Error types as Lambda's Python runtime reports them:
# https://github.com/aws/aws-lambda-python-runtime-interface-client/blob/main/awslambdaric/lambda_runtime_exception.py
IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
MARSHAL_ERROR = "Runtime.MarshalError"
EXIT_ERROR = "Runtime.ExitError"
# inspect.CO_COROUTINE; read from the code object so that the runner need not import inspect (slow).
CO_COROUTINE = 0x0080
CO_ASYNC_GENERATOR = 0x0200

RUNNER_FILE = os.path.abspath(__file__)
_channel = int(os.environ.pop("NODE_CHANNEL_FD", "-1"))
os.environ.pop("NODE_CHANNEL_SERIALIZATION_MODE", None)
_modules = {}
_request_id = ""
_logging_ready = False


def send(message):
    data = (json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8")
    while data:
        data = data[os.write(_channel, data):]


def mark_end(req):
    """Writes the run's end marker to stdout and stderr after everything the handler wrote: the answer
    goes over the IPC channel, so the host counts the run's output complete only once each stream has
    delivered the marker (process.ts). Straight to the file descriptors, after flushing whatever the
    handler's streams (or its replacements of sys.stdout) still hold."""
    marker = req.get("endMarker")
    if not marker:
        return
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass
    data = marker.encode("utf-8")
    for fd in (1, 2):
        try:
            rest = data
            while rest:
                rest = rest[os.write(fd, rest):]
        except OSError:
            # A descriptor the handler closed: the host's wait for that stream is bounded.
            pass


class CognitoIdentity(object):
    """context.identity: Lambda always passes one; its fields are None outside mobile SDK calls."""

    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __init__(self):
        self.cognito_identity_id = None
        self.cognito_identity_pool_id = None

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id=None,cognito_identity_pool_id=None])"


class LambdaContext(object):
    """The handler's context, with the attributes of Lambda's (python-context.html) and a real countdown."""

    def __init__(self, fields, deadline_ms):
        self.aws_request_id = fields["awsRequestId"]
        self.function_name = fields["functionName"]
        self.function_version = fields["functionVersion"]
        self.invoked_function_arn = fields["invokedFunctionArn"]
        self.memory_limit_in_mb = fields["memoryLimitInMB"]
        self.log_group_name = fields["logGroupName"]
        self.log_stream_name = fields["logStreamName"]
        self.identity = CognitoIdentity()
        # Set only when a mobile SDK client passes one: never for a Cognito trigger.
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        left = self._deadline_ms - int(time.time() * 1000)
        return left if left > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,function_name=%s,function_version=%s,memory_limit_in_mb=%s])" % (
            self.aws_request_id,
            self.function_name,
            self.function_version,
            self.memory_limit_in_mb,
        )


def setup_logging():
    """Lambda's root log handler and text format (awslambdaric bootstrap._setup_logging), set up once the
    handler uses logging: importing logging costs the runner's start a few milliseconds otherwise."""
    global _logging_ready
    if _logging_ready or "logging" not in sys.modules:
        return
    _logging_ready = True
    import logging

    class RequestIdFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = _request_id
            return True

    logging.Formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)
    root.addHandler(handler)


def user_frames(tb):
    """Traceback frames of the handler's own code: not the runner's, not importlib's."""
    import traceback

    return [f for f in traceback.extract_tb(tb) if f.filename != RUNNER_FILE and not f.filename.startswith("<frozen ")]


def format_frames(frames):
    return ['File "%s", line %s, in %s%s' % (f.filename, f.lineno, f.name, (": " + f.line) if f.line else "") for f in frames]


def load_failure(req, message, file=None, line=None, column=None):
    out = {"type": "loadError", "id": req["id"], "message": message}
    if file:
        out["file"] = file
    if line:
        out["line"] = line
    if column:
        out["column"] = column
    return out


def import_handler_module(req):
    """The module object, or a loadError message. Its folder is on sys.path first, as LAMBDA_TASK_ROOT is."""
    path = req["modulePath"]
    if path in _modules:
        return _modules[path]
    import importlib.util

    folder = os.path.dirname(path)
    name = os.path.splitext(os.path.basename(path))[0]
    if folder not in sys.path:
        sys.path.insert(0, folder)
    where = os.path.basename(path)
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except SyntaxError as e:
        sys.modules.pop(name, None)
        at = "%s, line %s" % (os.path.basename(e.filename or path), e.lineno)
        return load_failure(
            req,
            "Syntax error in module '%s' (%s): %s [%s]" % (name, at, e.msg, SYNTAX_ERROR),
            e.filename or path,
            e.lineno,
            e.offset,
        )
    except ImportError as e:
        sys.modules.pop(name, None)
        frames = user_frames(e.__traceback__)
        last = frames[-1] if frames else None
        at = " at %s:%s" % (os.path.basename(last.filename), last.lineno) if last else ""
        hint = ""
        if isinstance(e, ModuleNotFoundError) and e.name:
            hint = " Install %s for this interpreter (%s), or pick the interpreter that has it (setting cognitoTriggers.python.interpreter)." % (e.name, sys.executable)
        return load_failure(
            req,
            "Unable to import module '%s': %s%s [%s].%s" % (name, e, at, IMPORT_MODULE_ERROR, hint),
            last.filename if last else path,
            last.lineno if last else None,
        )
    except BaseException as e:
        # Module-level code that raised (a missing environment variable, a failing client) fails Lambda's init.
        sys.modules.pop(name, None)
        frames = user_frames(e.__traceback__)
        last = frames[-1] if frames else None
        at = " at %s:%s" % (os.path.basename(last.filename), last.lineno) if last else ""
        return load_failure(req, "Error while importing module '%s' (%s): %s: %s%s" % (name, where, type(e).__name__, e, at), last.filename if last else path, last.lineno if last else None)
    _modules[path] = module
    return module


def marshal_default(value):
    # Lambda's encoder writes Decimal as a number (lambda_runtime_marshaller.py); DynamoDB items are full of them.
    import decimal

    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def error_message(req, error_type, message, stack=None):
    error = {"errorType": error_type, "errorMessage": message}
    if stack:
        error["stack"] = stack
    return {"type": "error", "id": req["id"], "error": error, "style": "sync"}


def run(req):
    global _request_id
    module = import_handler_module(req)
    if isinstance(module, dict):
        return module
    name = req["handlerName"]
    fn = getattr(module, name, None)
    if fn is None:
        functions = sorted(k for k, v in vars(module).items() if callable(v) and getattr(v, "__module__", None) == module.__name__ and not k.startswith("_"))
        listed = " Its functions: %s." % ", ".join(functions) if functions else " It defines no function."
        return load_failure(req, "Handler '%s' missing on module '%s' [%s].%s" % (name, module.__name__, HANDLER_NOT_FOUND, listed), req["modulePath"])
    if not callable(fn):
        return load_failure(req, "'%s' in module '%s' is %s, not a function." % (name, module.__name__, type(fn).__name__), req["modulePath"])
    code = getattr(fn, "__code__", None)
    if code is not None and code.co_flags & (CO_COROUTINE | CO_ASYNC_GENERATOR):
        # Lambda calls it without awaiting: the coroutine cannot be serialised and the invocation fails.
        return error_message(
            req,
            MARSHAL_ERROR,
            "Unable to marshal response: Object of type coroutine is not JSON serializable. '%s' is an async def: Lambda's Python runtime does not await handlers, so none of its code runs. Make it a plain def and run async code inside it with asyncio.run(...)." % name,
            ['File "%s", line %s, in %s' % (code.co_filename, code.co_firstlineno, name)],
        )
    _request_id = req["context"]["awsRequestId"]
    setup_logging()
    context = LambdaContext(req["context"], req["deadline"])
    try:
        result = fn(req["event"], context)
    except SystemExit as e:
        mark_end(req)
        send(error_message(req, EXIT_ERROR, "The handler called sys.exit(%s): Lambda ends the runtime and the invocation fails." % (e.code if e.code is not None else ""), format_frames(user_frames(e.__traceback__))))
        os._exit(1)
    except Exception as e:
        return error_message(req, type(e).__name__, str(e), format_frames(user_frames(e.__traceback__)))
    finally:
        setup_logging()
    try:
        value = json.loads(json.dumps(result, default=marshal_default, ensure_ascii=False))
    except (TypeError, ValueError) as e:
        return error_message(req, MARSHAL_ERROR, "Unable to marshal response: %s" % e)
    return {"type": "returned", "id": req["id"], "value": value, "style": "sync"}


def main():
    if _channel < 0:
        sys.stderr.write("runner.py is started by Cognito Triggers (it needs the host's IPC channel).\n")
        sys.exit(2)
    # The runner's own folder (dist/) is no place to import the handler's modules from.
    if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(RUNNER_FILE):
        sys.path.pop(0)
    if "AWS_EXECUTION_ENV" not in os.environ:
        os.environ["AWS_EXECUTION_ENV"] = "AWS_Lambda_python%d.%d" % sys.version_info[:2]
    pending = b""
    while True:
        chunk = os.read(_channel, 65536)
        if not chunk:
            # The host closed the channel: a warm worker's end.
            return
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if not line.strip():
                continue
            req = json.loads(line)
            if req.get("type") == "run":
                result = run(req)
                mark_end(req)
                send(result)


if __name__ == "__main__":
    main()
