#!/usr/bin/env python3
"""The lifetimes + pandas side of tests/bench/versus_lifetimes.mjs (issue 15, item 7).

    python3 tests/bench/lifetimes_bench.py FILE.csv [OBSERVATION_END=1998-06-30] [--json]

Needs lifetimes 0.11.3 and pandas where Python finds them (`pip install lifetimes==0.11.3` where PyPI
is reachable; neither README command installs them: they are the reference, not Profila's code).
Reads the purchase logs the benchmarks use: the CDNOW log (customer_id,date,...,amount; ISO dates) or
an Italian shop's (';', decimal comma, dd/mm/yyyy; tests/bench/import_data.mjs). Times each stage with
time.perf_counter:
  read_csv  the file into a DataFrame
  summary   summary_data_from_transaction_data(freq='D'), recency and T divided by 7: weeks to the
            day, as Profila counts them
  bgf_fit   BetaGeoFitter() on every customer
  gg_fit    GammaGammaFitter() on the repeat buyers (frequency > 0, monetary value > 0)
  predict   for every customer: P(alive), expected purchases in 52 weeks, expected spend, and the CLV
            over 12 months at 10% a year (0.10 / 12 a month)
A fit lifetimes refuses with its defaults (ConvergenceError) is timed as *_default_failed, then redone
with --fallback-penalizer (1e-4 unless given), and the note says so. --json prints one line, the
format versus_lifetimes.mjs reads.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import ConvergenceError, summary_data_from_transaction_data


def read_log(path):
    """The purchases as (customer, date, amount) columns, and the names used."""
    with open(path, encoding="utf-8") as fh:
        header = fh.readline()
    if header.startswith("customer_id,"):  # the CDNOW log
        cols = ("customer_id", "date", "amount")
        df = pd.read_csv(path, sep=",", dtype={cols[0]: str}, parse_dates=[cols[1]],
                         date_parser=lambda s: pd.to_datetime(s, format="%Y-%m-%d"))
    else:  # an Italian shop's log: ';', decimal comma, dd/mm/yyyy
        cols = ("Codice cliente", "Data acquisto", "Importo")
        df = pd.read_csv(path, sep=";", decimal=",", dtype={cols[0]: str}, parse_dates=[cols[1]],
                         date_parser=lambda s: pd.to_datetime(s, format="%d/%m/%Y"))
    return df, cols


def fit(make, penalizer, seconds, name, *data):
    """make(penalizer_coef).fit(*data), timed; on ConvergenceError with the defaults, timed again
    with the fallback penalizer. Returns the fitter and a note."""
    t0 = time.perf_counter()
    try:
        fitter = make(0.0).fit(*data)
        seconds[name] = time.perf_counter() - t0
        return fitter, "converged with its defaults"
    except ConvergenceError:
        seconds[name + "_default_failed"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    fitter = make(penalizer).fit(*data)
    seconds[name] = time.perf_counter() - t0
    return fitter, ("refused with its defaults (ConvergenceError after %.3f s); fitted with penalizer_coef=%g"
                    % (seconds[name + "_default_failed"], penalizer))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    path, end = args[0], args[1] if len(args) > 1 else "1998-06-30"
    penalizer = 1e-4
    for a in argv[1:]:
        if a.startswith("--fallback-penalizer="):
            penalizer = float(a.split("=", 1)[1])
    seconds = {}

    t0 = time.perf_counter()
    df, (customer, date, amount) = read_log(path)
    seconds["read_csv"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    summary = summary_data_from_transaction_data(df, customer, date, monetary_value_col=amount,
                                                 observation_period_end=end, freq="D")
    summary["recency"] = summary["recency"] / 7.0
    summary["T"] = summary["T"] / 7.0
    seconds["summary"] = time.perf_counter() - t0
    f, r, T, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"]

    bgf, bgf_note = fit(lambda p: BetaGeoFitter(penalizer_coef=p), penalizer, seconds, "bgf_fit", f, r, T)
    repeat = summary[(f > 0) & (m > 0)]
    gg, gg_note = fit(lambda p: GammaGammaFitter(penalizer_coef=p), penalizer, seconds, "gg_fit",
                      repeat["frequency"], repeat["monetary_value"])

    t0 = time.perf_counter()
    alive = bgf.conditional_probability_alive(f, r, T)
    expected = bgf.conditional_expected_number_of_purchases_up_to_time(52, f, r, T)
    spend = gg.conditional_expected_average_profit(f, m)
    clv = gg.customer_lifetime_value(bgf, f, r, T, m, time=12, discount_rate=0.10 / 12, freq="W")
    seconds["predict"] = time.perf_counter() - t0

    seconds["total_wo_read"] = sum(seconds[k] for k in ("summary", "bgf_fit", "gg_fit", "predict"))
    nan = sum(int(np.isnan(np.asarray(x)).sum()) for x in (alive, expected, spend, clv))
    result = {
        "lifetimes": lifetimes.__version__, "pandas": pd.__version__, "numpy": np.__version__,
        "rows": int(len(df)), "customers": int(len(summary)), "repeat_customers": int(len(repeat)),
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
        "bgf_note": bgf_note, "gg_note": gg_note,
        "bgf_params": {k: float(v) for k, v in bgf.params_.items()},
        "gg_params": {k: float(v) for k, v in gg.params_.items()},
        "predictions": int(len(clv)), "nan_predictions": nan,
    }
    if "--json" in argv:
        print(json.dumps(result))
        return
    print("lifetimes %s, pandas %s: %s, %d purchases, %d customers (%d repeat buyers), to %s"
          % (result["lifetimes"], result["pandas"], path, result["rows"], result["customers"],
             result["repeat_customers"], end))
    for k, v in seconds.items():
        print("  %-24s %8.3f s" % (k, v))
    print("BG/NBD %s: %s" % (bgf_note, {k: float("%.6g" % v) for k, v in result["bgf_params"].items()}))
    print("Gamma-Gamma %s: %s" % (gg_note, {k: float("%.6g" % v) for k, v in result["gg_params"].items()}))
    print("predictions for %d customers, %d not a number" % (result["predictions"], nan))


if __name__ == "__main__":
    main(sys.argv)
