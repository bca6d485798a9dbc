"""A lot: a code, how many boxes it has, and which box comes next."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Lot:
    """`current_box` is the number the next registration gets (1-based).

    The old system could never register the last box; here box `total_boxes` is registrable
    and the lot is complete only once it has been registered.
    """

    code: str
    total_boxes: int
    current_box: int = 1
    registered_count: int = 0

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise ValueError("lot code is empty")
        if self.total_boxes < 1:
            raise ValueError("a lot has at least one box")
        if not 1 <= self.current_box <= self.total_boxes + 1:
            raise ValueError("current box must be between 1 and the total number of boxes")

    @property
    def is_complete(self) -> bool:
        return self.current_box > self.total_boxes

    @property
    def can_register(self) -> bool:
        return not self.is_complete

    @property
    def remaining(self) -> int:
        return max(0, self.total_boxes - self.current_box + 1)

    def after_registration(self) -> "Lot":
        if self.is_complete:
            raise ValueError(f"lot {self.code} is complete ({self.total_boxes} boxes)")
        return replace(self, current_box=self.current_box + 1,
                       registered_count=self.registered_count + 1)
