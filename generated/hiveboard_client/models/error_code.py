from enum import StrEnum


class ErrorCode(StrEnum):
    AGENT_NOT_FOUND = "agent_not_found"
    AUTHENTICATION_FAILED = "authentication_failed"
    CANNOT_DELETE_DEFAULT_PROJECT = "cannot_delete_default_project"
    CONFLICT = "conflict"
    FIELD_SIZE_EXCEEDED = "field_size_exceeded"
    INTERNAL_ERROR = "internal_error"
    INVALID_BATCH = "invalid_batch"
    INVALID_BODY = "invalid_body"
    INVALID_EVENT_TYPE = "invalid_event_type"
    INVALID_FIELD = "invalid_field"
    INVALID_PARAMETER = "invalid_parameter"
    INVALID_PROJECT = "invalid_project"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    MISSING_REQUIRED_FIELD = "missing_required_field"
    NOT_FOUND = "not_found"
    NOT_IMPLEMENTED = "not_implemented"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    PROJECT_NOT_FOUND = "project_not_found"
    RATE_LIMIT_EXCEEDED = "rate_limit_exceeded"
    READ_ONLY_KEY = "read_only_key"
    RULE_NOT_FOUND = "rule_not_found"
    SERVICE_UNAVAILABLE = "service_unavailable"
    TASK_NOT_FOUND = "task_not_found"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"

    def __str__(self) -> str:
        return str(self.value)
