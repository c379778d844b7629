"""Import core: random tables round-trip through CSV in several encodings and dialects; the CLI;
and the real shared datasets."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iotfin_gui.cli import main
from iotfin_gui.core.errors import InputError
from iotfin_gui.core.ingest import import_file
from iotfin_gui.core.ingest.numbers import MISSING_MARKERS
from iotfin_gui.core.ingest.roles import BOOLEANS
from iotfin_gui.core.store import Store

_TEXT = st.text(alphabet=st.sampled_from("abcXYZ 设备北京温度éü,;|\"'\n-_"), min_size=1,
                max_size=8).filter(lambda t: t.strip() == t and t.lower() not in MISSING_MARKERS
                                   and t.lower() not in BOOLEANS)


#: Numbers that read as well with a thousands separator: a column of only these is refused as
#: ambiguous (1.125 may be 1125), not guessed.
AMBIGUOUS = re.compile(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")


@st.composite
def tables(draw):
    rows = draw(st.integers(1, 15))
    ints = draw(st.lists(st.integers(-10**12, 10**12), min_size=rows, max_size=rows))
    floats = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)),
                           min_size=rows, max_size=rows))
    texts = draw(st.lists(_TEXT, min_size=rows, max_size=rows))
    return pd.DataFrame({"编号": ints, "value": floats, "label": texts})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       delimiter=st.sampled_from([",", "\t", ";", "|"]))
def test_random_tables_round_trip(tmp_path_factory, table, encoding, delimiter) -> None:
    folder = tmp_path_factory.mktemp("rt")
    text = io.StringIO()
    table.to_csv(text, index=False, sep=delimiter, quoting=csv.QUOTE_MINIMAL)
    path = folder / "t.csv"
    path.write_bytes(text.getvalue().encode(encoding))
    with Store.open(folder / "s.sqlite") as store:
        if all(AMBIGUOUS.fullmatch(str(v)) for v in table["value"]):
            with pytest.raises(InputError, match="ambiguous in 'value'"):
                import_file(store, path, kind="table", encoding=encoding, delimiter=delimiter,
                            mapping=None)
            return
        result = import_file(store, path, kind="table", encoding=encoding, delimiter=delimiter,
                             mapping=None)
        back = store.read_dataset(result.dataset)
    assert result.rows_quarantined == 0
    assert back["编号"].tolist() == table["编号"].tolist()
    assert back["value"].tolist() == pytest.approx(table["value"].tolist())
    assert back["label"].tolist() == table["label"].tolist()


def test_cli_import_json_summary_and_exit_codes(tmp_path: Path, capsys) -> None:
    data = tmp_path / "atm.csv"
    data.write_text("device_id,date,amount\nA,01/02/2024,5\nA,03/04/2024,6\n")
    db = str(tmp_path / "s.sqlite")
    assert main(["import", str(data), "--db", db, "--json"]) == 2
    assert "ambiguous" in capsys.readouterr().err
    assert main(["import", str(data), "--db", db, "--json", "--date-format", "dayfirst",
                 "--name", "atm", "--save-profile", "atm"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["dataset"] == "atm" and summary["rows"] == 2 and summary["quarantined"] == 0
    assert summary["columns"] == ["device_id", "date", "amount"]
    assert main(["import", str(data), "--db", db, "--json", "--date-format", "dayfirst"]) == 2
    assert "already imported" in capsys.readouterr().err
    assert main(["import", str(data), "--db", db, "--json", "--profile", "atm", "--name", "b",
                 "--allow-duplicate-file", "--role", "amount=count"]) == 0
    with Store.open(db) as store:
        assert store.dataset("b").roles["amount"] == "count"
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert main(["import", str(empty), "--db", db]) == 2
    assert "empty" in capsys.readouterr().err


@pytest.mark.shared_data
def test_real_datasets(shared_data: Path, store) -> None:
    pdm = import_file(store, shared_data / "pdm" /
                      "PdM_telemetry_subset_m001-020_2015-01-01_2015-03-31.csv.gz")
    assert (pdm.kind, pdm.rows_imported, pdm.rows_quarantined) == ("telemetry", 43200, 0)
    credit = import_file(store, shared_data / "credit" / "german_credit.csv")
    assert (credit.kind, credit.rows_imported) == ("table", 1000)
    assert store.dataset(credit.dataset).roles["credit_risk"] == "label"
    nn5 = import_file(store, shared_data / "nn5" / "nn5_train.csv", kind="withdrawals")
    assert (nn5.rows_imported, nn5.rows_quarantined) == (81585, 0)
    info = store.dataset(nn5.dataset)
    assert info.roles == {"series_id": "device_id", "date": "timestamp", "value": "amount"}
    values = store.read_dataset(nn5.dataset, columns=["value"])["value"]
    assert int(values.isna().sum()) == 1673
