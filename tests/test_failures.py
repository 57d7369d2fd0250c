"""One failure type with one list of reasons: each reason a file can be recorded failed for is explained on
/over in Dutch, and a failure survives the trip from a worker process."""

from __future__ import annotations

import pickle

from openarchief.search.failures import RECORDED, Failure, Reason
from openarchief.web.pages import FAILURE_REASONS


def test_every_recorded_reason_is_explained_to_visitors():
    assert set(FAILURE_REASONS) == set(RECORDED)
    assert all(label and label == label.strip() for label in FAILURE_REASONS.values())


def test_a_failure_crosses_a_process_boundary():
    failure = pickle.loads(pickle.dumps(Failure(Reason.encrypted, "the PDF is protected with a password")))
    assert (failure.reason, failure.detail) == (Reason.encrypted, "the PDF is protected with a password")
    assert str(failure) == "encrypted: the PDF is protected with a password"
    assert Failure("damaged", "x").reason is Reason.damaged  # a code from the ledger reads back as the reason
