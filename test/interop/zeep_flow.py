#!/usr/bin/python3
"""Drives the Glase simulator with python3-zeep, a SOAP client nobody here wrote.

usage: zeep_flow.py CONFIG_JSON
  CONFIG_JSON: {"wsdl": URL or file, "address": SOAP URL or null (use the WSDL's own),
                "binding": "{ns}BindingName" (needed with address), "control": simulator base URL,
                "reseller": {"id", "userId", "password"}, "glaseId": "..."}
Runs registerTerminal -> assignSeqrId -> sendInvoice -> (customer pays via the control API)
-> getPaymentStatus PAID -> refundPayment, and prints one JSON object with what it saw.
"""
import json
import sys
import urllib.request
from decimal import Decimal

import zeep


def control(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as res:
        return res.status, json.loads(res.read())


def main():
    cfg = json.loads(sys.argv[1])
    client = zeep.Client(cfg["wsdl"])
    if cfg.get("address"):
        service = client.create_service(cfg["binding"], cfg["address"])
    else:
        service = client.service
    r = cfg["reseller"]
    reseller_ctx = {"channel": "WS", "clientId": "zeep-interop", "clientRequestTimeout": 0,
                    "initiatorPrincipalId": {"id": r["id"], "type": "RESELLERUSER", "userId": r["userId"]},
                    "password": r["password"]}
    out = {}
    reg = service.registerTerminal(context=reseller_ctx, externalTerminalId="zeep till",
                                   password="zeep-pass-1234", name="Zeep till")
    out["register"] = {"resultCode": reg.resultCode, "resultDescription": reg.resultDescription,
                       "terminalId": reg.terminalId}
    term_ctx = {"channel": "WS", "clientId": "zeep-interop", "clientRequestTimeout": 0,
                "initiatorPrincipalId": {"id": reg.terminalId, "type": "TERMINALID"},
                "password": "zeep-pass-1234"}
    a = service.assignSeqrId(context=term_ctx, seqrId=cfg["glaseId"])
    out["assign"] = {"resultCode": a.resultCode}
    amount = lambda v: {"currency": "SEK", "value": Decimal(v)}
    invoice = {"paymentMode": "IMMEDIATE_DEBIT", "acknowledgmentMode": "NO_ACKNOWLEDGMENT",
               "title": "Zeep purchase", "clientInvoiceId": "zeep-1",
               "invoiceRows": {"invoiceRow": [
                   {"itemDescription": "Coffee", "itemQuantity": Decimal("2"), "itemTotalAmount": amount("50.00")},
                   {"itemDescription": "Discount", "itemQuantity": Decimal("1"), "itemTotalAmount": amount("-10.00")}]},
               "totalAmount": amount("40.00"), "cashierId": "zeep"}
    s = service.sendInvoice(context=term_ctx, invoice=invoice)
    out["send"] = {"resultCode": s.resultCode, "invoiceReference": s.invoiceReference, "invoiceQRCode": s.invoiceQRCode}
    pay_status, pay = control(cfg["control"], "/simulator/customer/pay", {"glaseId": cfg["glaseId"]})
    out["pay"] = {"http": pay_status, "status": pay["status"]}
    st = service.getPaymentStatus(context=term_ctx, invoiceReference=s.invoiceReference, invoiceVersion=0)
    out["status"] = {"resultCode": st.resultCode, "status": st.status, "version": st.version,
                     "ersReference": st.ersReference,
                     "paymentReference": st.receipt.paymentReference if st.receipt else None,
                     "receiptTotal": str(st.receipt.invoice.totalAmount.value) if st.receipt else None}
    refund_invoice = {"title": "Refund", "cashierId": "zeep", "totalAmount": amount("15.00")}
    rf = service.refundPayment(context=term_ctx, ersReference=st.ersReference, invoice=refund_invoice)
    out["refund"] = {"resultCode": rf.resultCode, "resultDescription": rf.resultDescription, "ersReference": rf.ersReference}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
