"""Make an imperfect model reply into the draft's shape, without inventing anything.

Small local models (SmolLM2 under llama.cpp, seen here) return drafts with Key Results as bare
strings, or objects missing ``direction``, ``baseline`` or ``target``. Re-asking rarely helps
them. This fills only what can be *read* from the Key Result's own text with the phrase parser
(its verb's direction, the numbers it states) and marks everything else as unknown. A number
read this way is claimed as ``given`` only so that the grounding checks test it against what
the team gave: an invented baseline still fails, as D001.
"""

from __future__ import annotations

from typing import Any

from assistant.parse.phrase import parse_kr

_MEASURE = "Measure it before the cycle starts (the model did not say how)."


def normalise_reply(data: Any) -> Any:
    """Return ``data`` with missing Key Result fields filled from each KR's own text."""
    if not isinstance(data, dict):
        return data
    krs = data.get("key_results")
    if isinstance(krs, list):
        data["key_results"] = [_kr(kr) for kr in krs]
    data.setdefault("notes", [])
    if isinstance(data.get("notes"), str):
        data["notes"] = [data["notes"]]
    return data


def _kr(kr: Any) -> Any:
    if isinstance(kr, str):
        kr = {"text": kr}
    if not isinstance(kr, dict) or not isinstance(kr.get("text"), str):
        return kr  # nothing to read: leave it for validation to report
    parsed = parse_kr(kr["text"])
    kr.setdefault("metric", parsed.metric or kr["text"])
    if kr.get("direction") not in ("increase", "decrease"):
        kr["direction"] = "decrease" if parsed.direction == "decrease" else "increase"
    if not isinstance(kr.get("baseline"), dict):
        kr["baseline"] = ({"value": parsed.baseline.text, "source": "given",
                           "how_to_measure": None} if parsed.baseline else
                          {"value": None, "source": "unknown", "how_to_measure": _MEASURE})
    if not isinstance(kr.get("target"), dict):
        stated = parsed.target.text if parsed.target else (
            parsed.change.text if parsed.change else None)
        kr["target"] = {"value": stated or "to be set", "source": "proposed",
                        "reason": "stated by the model without a reason"}
    kr.setdefault("deadline", parsed.deadline)
    return kr
