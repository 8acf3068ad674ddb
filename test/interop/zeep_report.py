#!/usr/bin/python3
"""Reads a terminal's reconciliation report with python3-zeep, a SOAP client nobody here wrote.

usage: zeep_report.py CONFIG_JSON
  CONFIG_JSON: {"wsdl": URL or file, "address": SOAP URL or null, "binding": "{ns}BindingName",
                "reseller": {"id", "userId", "password"}, "terminalId": "...", "reportId": "..."}
Runs markTransactionPeriod (parameter TERMINALID) -> executeReport (retrying REPORT_NOT_READY)
and prints one JSON object with what it saw.
"""
import json
import sys
import time

import zeep


def main():
    cfg = json.loads(sys.argv[1])
    client = zeep.Client(cfg["wsdl"])
    service = client.create_service(cfg["binding"], cfg["address"]) if cfg.get("address") else client.service
    r = cfg["reseller"]
    ctx = {"channel": "WS", "clientId": "zeep-interop", "clientRequestTimeout": 0,
           "initiatorPrincipalId": {"id": r["id"], "type": "RESELLERUSER", "userId": r["userId"]},
           "password": r["password"]}
    out = {}
    terminal = {"parameter": {"entry": [{"key": "TERMINALID", "value": cfg["terminalId"]}]}}
    m = service.markTransactionPeriod(context=ctx, parameters=terminal)
    out["mark"] = {"resultCode": m.resultCode, "transactionPeriodId": m.transactionPeriodId}
    params = {"parameter": {"entry": [{"key": "transactionPeriodId", "value": m.transactionPeriodId},
                                      {"key": "TERMINALID", "value": cfg["terminalId"]}]}}
    tries = 0
    while True:
        tries += 1
        rep = service.executeReport(context=ctx, reportId=cfg["reportId"], language="en", parameters=params)
        if rep.resultCode != 2 or tries >= 20:
            break
        time.sleep(0.2)
    out["report"] = {"resultCode": rep.resultCode, "tries": tries,
                     "title": rep.report.title if rep.report else None,
                     "mimeType": rep.report.mimeType if rep.report else None,
                     "content": rep.report.content.decode("utf-8") if rep.report and rep.report.content else None,
                     "contentString": rep.report.contentString if rep.report else None}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
