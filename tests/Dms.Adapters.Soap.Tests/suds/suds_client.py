"""A second WSDL-driven SOAP stack beside zeep: Debian's python3-suds (suds-community), which shares no code with
zeep or the hub. It builds its client from the served WSDL alone, takes the order type from the WSDL's factory and
runs vehicle-order operations with a WS-Security UsernameToken (PasswordText over TLS). Prints one JSON object with
what each call answered; the C# test (SudsClientTests) judges it.

Usage: suds_client.py PLAN.json  (wsdl, code, password, order{...}, otherOrder)
"""
import json
import ssl
import sys
import urllib.request

from suds.client import Client
from suds.transport.https import HttpTransport
from suds.wsse import Security, UsernameToken


class TestCertificateTransport(HttpTransport):
    """The test hub's TLS certificate is self-signed: trust it for this run only (never do this in production)."""

    def u2handlers(self):
        handlers = super().u2handlers()
        handlers.append(urllib.request.HTTPSHandler(context=ssl._create_unverified_context()))
        return handlers


def plain(value):
    """A suds reply object as JSON: only the fields the test reads."""
    if value is None:
        return None
    out = {}
    for name in ("outcome", "trackingId", "status", "replayed", "code", "documentType", "contentVersion"):
        if hasattr(value, name):
            field = getattr(value, name)
            out[name] = field if isinstance(field, (bool, int, str)) or field is None else str(field)
    errors = getattr(value, "errors", None)
    if errors is not None:
        out["errors"] = [{"path": str(e.path), "code": str(e.code)} for e in getattr(errors, "error", [])]
    actions = getattr(value, "allowedActions", None)
    if actions is not None:
        out["allowedActions"] = [str(a.soapOperation) for a in getattr(actions, "action", [])]
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        plan = json.load(f)
    client = Client(plan["wsdl"], transport=TestCertificateTransport(), cache=None)
    security = Security()
    security.tokens.append(UsernameToken(plan["code"], plan["password"]))
    client.set_options(wsse=security)

    source = plan["order"]
    order = client.factory.create("VehicleOrder")
    for name in ("dealerOrderNumber", "orderType", "priority", "modelCode", "modelYear", "trim", "exteriorColor", "interiorColor", "allocationPeriod"):
        setattr(order, name, source[name])
    order.options = client.factory.create("VehicleOrderOptions")
    order.options.option = source["options"]
    delivery = client.factory.create("VehicleOrderRequestedDelivery")
    delivery.earliest, delivery.latest = source["requestedDelivery"]["earliest"], source["requestedDelivery"]["latest"]
    order.requestedDelivery = delivery

    reasons = [name for name, _ in client.factory.create("DocumentCommandReason")]  # the WSDL's enumeration
    submitted = client.service.SubmitVehicleOrder(order)
    resent = client.service.SubmitVehicleOrder(order)
    tracking_id = submitted.trackingId
    status = client.service.GetDocumentStatus(tracking_id)
    command = client.factory.create("DocumentCommand")
    command.reason = "CUSTOMER_WITHDREW"
    cancelled = client.service.CancelVehicleOrder(tracking_id, "suds-cancel-1", command)
    retried = client.service.CancelVehicleOrder(tracking_id, "suds-cancel-1", command)
    unlisted = client.factory.create("DocumentCommand")
    unlisted.reason = "CUSTOMER_ANGRY"
    refused = client.service.CancelVehicleOrder(plan["otherOrder"], None, unlisted)
    foreign = client.service.GetDocumentStatus(plan["foreignOrder"])
    batch = client.service.PullNotifications(10)
    notifications = getattr(getattr(batch, "notifications", None), "notification", [])

    print(json.dumps({
        "operations": sorted(m.name for m in client.wsdl.services[0].ports[0].methods.values()),
        "reasons": reasons,
        "submitted": plain(submitted), "resent": plain(resent), "status": plain(status),
        "cancelled": plain(cancelled), "retried": plain(retried), "refused": plain(refused), "foreign": plain(foreign),
        "pulled": [str(n.trackingId) for n in notifications],
    }))


if __name__ == "__main__":
    main()
