"""BusinessError: the one exception services raise for a rule a user broke.

Views turn it into a form error or a 4xx with the message; it is never a 500.
"""

from __future__ import annotations


class BusinessError(Exception):
    """A rule of the business was broken; ``message`` is shown to the user as is (Chinese)."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class NotVisible(BusinessError):
    """The record does not exist for this user (scoping): always answered as 404."""

    def __init__(self, message: str = "记录不存在或无权查看") -> None:
        super().__init__(message, status=404)
