"""Where a review's photos and the reviewer's avatar are served (the API's public routes)."""

from __future__ import annotations

API = "/api/v1"


def image_url(image_id: int) -> str:
    return f"{API}/reviews/images/{image_id}"


def avatar_url(review_id: int) -> str:
    return f"{API}/reviews/{review_id}/avatar"
