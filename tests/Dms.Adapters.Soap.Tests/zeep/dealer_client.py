"""A legacy dealer system built from the published WSDL alone, with python3-zeep (no code shared with the hub).

Usage: /usr/bin/python3 dealer_client.py PLAN.json
The plan (written by ZeepClientTests from the registry and the schema examples) names the WSDL, two dealers and
the documents to send. Every operation in the WSDL must be exercised; each check prints "ok ..." or "FAIL ...".
"""
import base64
import datetime
import json
import os
import sys
import time
import urllib.request

import requests
import urllib3
from lxml import etree
from zeep import Client, Settings
from zeep.exceptions import Fault, ValidationError
from zeep.plugins import HistoryPlugin
from zeep.transports import Transport
from zeep.wsse import utils as wsse_utils
from zeep.wsse.username import UsernameToken

import contract

FAILURES = []
EXERCISED = set()


def check(condition, what, detail=""):
    print(("ok   " if condition else "FAIL ") + what + ("" if condition else ": " + str(detail)[:2000]), flush=True)
    if not condition:
        FAILURES.append(what)
    return condition


class Dealer:
    """One dealer's zeep client: PasswordText over HTTPS, or PasswordDigest over HTTP."""

    def __init__(self, plan, who, digest=False, token=None):
        self.plan, self.info = plan, plan[who]
        session = requests.Session()
        session.verify = False
        session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment overrides verify=False (requests #3829)
        self.history = HistoryPlugin(maxlen=1000)
        wsse = token or UsernameToken(self.info["code"], self.info["password"], use_digest=digest)
        wsdl = plan["wsdlHttp"] if digest else plan["wsdlHttps"]
        self.client = Client(wsdl, wsse=wsse, transport=Transport(session=session), plugins=[self.history], settings=Settings(strict=True))
        self.ops = contract.operations(self.client)

    def call(self, name, **arguments):
        EXERCISED.add(name)
        return getattr(self.client.service, name)(**arguments)

    def submit(self, element, payload):
        name, operation = submit_operation(self, element)
        return contract.to_json(self.call(name, **{element: contract.to_zeep(payload, dict(contract.children(operation))[element].type)}))

    def command(self, name, tracking_id, command_id, body_element, body):
        element_type = dict(contract.children(self.ops[name]))[body_element].type
        return contract.to_json(self.call(name, trackingId=tracking_id, commandId=command_id, **{body_element: contract.to_zeep(body, element_type)}))

    def status(self, tracking_id):
        return contract.to_json(self.call("GetDocumentStatus", trackingId=tracking_id))

    def rest(self, method, path, body=None, key=None):
        request = urllib.request.Request(self.plan["rest"] + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"X-Api-Key": key or self.info["apiKey"], "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"{}")


def submit_operation(dealer, element):
    """The WSDL operation whose request is exactly one element of this document type."""
    for name, operation in dealer.ops.items():
        names = [n for n, _ in contract.children(operation)]
        if names == [element]:
            return name, operation
    raise LookupError("no operation submits " + element)


def submit_round(dealer, element, round_):
    """The subject and the documents it refers to; the subject is retried once the others are stored."""
    ack = dealer.submit(element, round_["subject"])
    for companion in round_["companions"]:
        dealer.submit(companion["element"], companion["payload"])
    if ack["outcome"] != "Accepted":
        ack = dealer.submit(element, round_["subject"])
    return ack


def post_events(dealer, kind, tracking_id, events):
    for event in events:
        dealer.rest("POST", kind["events"].replace("{trackingId}", tracking_id), event, key=dealer.plan["oemKey"])


def parity(dealer, kind, tracking_id, what):
    """GetDocumentStatus carries what REST's GET carries (read until both see the same revision)."""
    state = kind.get("stateElement")
    # The hub may still be working on the document (a delivery, an effect): read until it holds still, so a difference
    # left at the end is one between the two channels, not one in time.
    for _ in range(60):
        soap = contract.canonical(dealer.status(tracking_id))
        rest = contract.rest_view(dealer.rest("GET", kind["rest"].replace("{trackingId}", tracking_id)), kind["element"], state)
        again = contract.canonical(dealer.status(tracking_id))
        if soap == again == rest:
            break
        time.sleep(0.25)
    return check(soap == rest, what, {k: {"soap": soap.get(k), "rest": rest.get(k)} for k in sorted(set(soap) | set(rest)) if soap.get(k) != rest.get(k)})


def exercise_type(a, kind):
    subjects = []
    for i, round_ in enumerate(kind["rounds"]):
        ack = submit_round(a, kind["element"], round_)
        check(ack["outcome"] == "Accepted" and ack.get("trackingId"), "%s: valid example %d accepted" % (kind["name"], i + 1), ack)
        subjects.append(ack)
    first, payload = subjects[0], kind["rounds"][0]["subject"]
    again = a.submit(kind["element"], payload)
    check((again["outcome"], again.get("trackingId"), again["replayed"]) == ("Accepted", first.get("trackingId"), True), kind["name"] + ": resent document replayed", again)
    conflict = a.submit(kind["element"], kind["conflict"])
    check(conflict["outcome"] == "Conflict" and conflict.get("code"), kind["name"] + ": same number, other content is a Conflict", conflict)
    exercise_invalid(kind["name"], kind["invalid"], lambda payload: a.submit(kind["element"], payload))
    stored = a.status(first["trackingId"])
    check(contract.canonical(stored["document"]) == contract.canonical({kind["element"]: payload}), kind["name"] + ": GetDocumentStatus returns the document as sent", stored.get("document"))
    parity(a, kind, first["trackingId"], kind["name"] + ": GetDocumentStatus carries what REST's GET carries")
    if kind.get("story"):
        exercise_story(a, kind)
    for command in kind["commands"]:
        exercise_command(a, kind, command)
    return first["trackingId"]


def exercise_invalid(what, examples, send):
    """Invalid examples: errors with XML paths and the same JSON Pointer and code as REST, where XML can say the mistake."""
    rejected = 0
    for example in examples:
        try:
            ack = send(example["payload"])
        except (TypeError, ValueError, AttributeError, ValidationError) as error:
            print("skip %s: zeep refuses to send %s (%s)" % (what, example["file"], error))
            continue
        expressible = [e for e in example["expected"] if e["code"] not in ("INVALID_TYPE", "UNKNOWN_FIELD")]
        got = {(e.get("jsonPointer"), e["code"]) for e in ack.get("errors", [])}
        paths_ok = all(e.get("path") for e in ack.get("errors", []))
        ok = ack["outcome"] == "Rejected" and paths_ok and all((e["path"], e["code"]) in got for e in expressible) if expressible else ack["outcome"] in ("Rejected", "Accepted")
        rejected += ack["outcome"] == "Rejected"
        check(ok, "%s: invalid example %s answered with its errors" % (what, example["file"]), ack)
    check(rejected > 0, what + ": at least one invalid example rejected with errors")


def exercise_story(a, kind):
    """OEM events one by one (canonical or in the OEM's own code), GetDocumentStatus compared with REST after each."""
    story = kind["story"]
    ack = submit_round(a, kind["element"], story["round"])
    tracking_id = ack["trackingId"]
    for event in story["events"]:
        post_events(a, kind, tracking_id, [event])
        said = event.get("type") or "%s code %s" % (event["oemCode"]["scheme"], event["oemCode"]["code"])
        parity(a, kind, tracking_id, "%s: after the OEM's %s, GetDocumentStatus carries what REST's GET carries" % (kind["name"], said))
    status = a.status(tracking_id)
    check(status.get("oem") and status["status"] == story["status"], "%s: GetDocumentStatus shows the OEM's answers and status %s" % (kind["name"], story["status"]), status)
    carried = sorted(set((status.get("oem") or {}).get(kind.get("stateElement") or "", {})) | {"overlay " + o["name"] for o in status.get("overlays", [])} | {"field " + f["name"] for f in status.get("fields", [])})
    print("     %s status after the story: %s" % (kind["name"], ", ".join(carried)))


def exercise_command(a, kind, command):
    name = command["operation"]
    tracking_id = submit_round(a, kind["element"], command["round"])["trackingId"]
    post_events(a, kind, tracking_id, command["events"])
    offered = [x["soapOperation"] for x in a.status(tracking_id).get("allowedActions", [])]
    check(name in offered, "%s: %s offered in allowedActions" % (kind["name"], name), offered)
    command_id = "zeep-" + base64.b32encode(os.urandom(10)).decode().lower()
    first = a.command(name, tracking_id, command_id, command["bodyElement"], command["body"])
    retried = a.command(name, tracking_id, command_id, command["bodyElement"], command["body"])
    reused = a.command(name, tracking_id, command_id, command["bodyElement"], command["conflictBody"])
    check(first["outcome"] == "Accepted" and not first["replayed"], name + " accepted", first)
    check((retried["outcome"], retried.get("status"), retried["replayed"]) == ("Accepted", first.get("status"), True), name + " retried with its commandId: the original answer, replayed", retried)
    check(reused["outcome"] == "Conflict" and reused.get("code") == "IDEMPOTENCY_KEY_REUSED", name + " commandId reused with other content: Conflict", reused)
    check(a.status(tracking_id)["status"] == first.get("status"), name + ": status as acknowledged", first)
    parity(a, kind, tracking_id, name + ": GetDocumentStatus carries what REST's GET carries")
    return tracking_id


def service(dealer, name, body=None, **parameters):
    """A dealer service: its parameters, then its request element converted by the WSDL's type; the result as JSON."""
    info = dealer.plan["services"][name]
    if body is not None:
        parameters[info["body"]] = contract.to_zeep(body, dict(contract.children(dealer.ops[name]))[info["body"]].type)
    return contract.to_json(dealer.call(name, **parameters))


def fresh(prefix):
    return prefix + base64.b32encode(os.urandom(5)).decode()


def exercise_inventory(a):
    """The snapshot chain: full, resent, a gap, the incremental that follows, a reused snapshotId, invalid examples."""
    examples = a.plan["services"]["SubmitPartsInventory"]
    full = dict(examples["valid"]["full"], snapshotId=fresh("ZF"))
    first = service(a, "SubmitPartsInventory", full)
    taken = first.get("partsInventorySnapshot", {})
    check(first["outcome"] == "Accepted" and not first["replayed"] and (taken.get("sequence"), taken.get("stockedParts")) == (1, len(full["parts"])), "SubmitPartsInventory: a full snapshot taken", first)
    again = service(a, "SubmitPartsInventory", full)
    check(again["outcome"] == "Accepted" and again["replayed"] and again.get("partsInventorySnapshot") == taken, "SubmitPartsInventory: the same snapshot resent is replayed", again)
    incremental = dict(examples["valid"]["incremental"], snapshotId=fresh("ZI"), previousSnapshotId=full["snapshotId"])
    gap = service(a, "SubmitPartsInventory", dict(incremental, previousSnapshotId="NOT-" + full["snapshotId"]))
    check(gap["outcome"] == "Conflict" and gap.get("code") == "INVENTORY_SEQUENCE_GAP" and {"name": "expectedPreviousSnapshotId", "value": full["snapshotId"]} in gap.get("details", []),
          "SubmitPartsInventory: an incremental snapshot out of sequence is a gap naming the snapshot to follow", gap)
    chained = service(a, "SubmitPartsInventory", incremental)
    check(chained["outcome"] == "Accepted" and chained.get("partsInventorySnapshot", {}).get("sequence") == 2, "SubmitPartsInventory: the incremental snapshot that follows taken", chained)
    reused = service(a, "SubmitPartsInventory", dict(full, parts=full["parts"][:1]))
    check(reused["outcome"] == "Conflict" and reused.get("code") == "SNAPSHOT_ID_REUSED", "SubmitPartsInventory: a snapshotId reused with other content is a Conflict", reused)
    head = a.rest("GET", "/api/v1/parts-inventory")
    check((head.get("snapshotId"), head.get("sequence")) == (incremental["snapshotId"], 2), "SubmitPartsInventory: the chain as REST reads it", head)
    exercise_invalid("SubmitPartsInventory", examples["invalid"], lambda payload: service(a, "SubmitPartsInventory", payload))


def exercise_suggestions(a, b):
    """A suggestion made (read as REST reads it), confirmed, confirmed again; another dealer's is NotFound."""
    services = a.plan["services"]
    request = dict(services["RequestPartsOrderSuggestion"]["valid"]["some-parts"], requestedShipDate=(datetime.date.today() + datetime.timedelta(days=3)).isoformat())
    made = service(a, "RequestPartsOrderSuggestion", request)
    suggestion = made.get("partsOrderSuggestion", {})
    check(made["outcome"] == "Accepted" and suggestion.get("lines"), "RequestPartsOrderSuggestion: lines to order, each explained", made)
    rest = a.rest("GET", "/api/v1/parts-orders/suggestions/" + suggestion["suggestionId"])
    rest.pop("links", None)  # REST's links have no XML form (x-rest-only)
    check(contract.canonical(suggestion) == contract.canonical(rest), "RequestPartsOrderSuggestion: the suggestion as REST reads it", {"soap": suggestion, "rest": rest})
    whole = service(a, "RequestPartsOrderSuggestion")
    check(whole["outcome"] == "Accepted" and whole["partsOrderSuggestion"]["suggestionId"] != suggestion["suggestionId"], "RequestPartsOrderSuggestion without a request: the whole stock", whole)
    confirmation = dict(services["ConfirmPartsOrderSuggestion"]["valid"]["own-number-without-a-part"], dealerOrderNumber=fresh("ZP"))
    confirmed = service(a, "ConfirmPartsOrderSuggestion", confirmation, suggestionId=suggestion["suggestionId"])
    orders = confirmed.get("partsOrderSuggestionConfirmed", {}).get("orders", [])
    offered = [[x["soapOperation"] for x in o.get("allowedActions", [])] for o in orders]
    check(confirmed["outcome"] == "Accepted" and orders and all("CancelPartsOrder" in o for o in offered), "ConfirmPartsOrderSuggestion: the drafts became parts orders", confirmed)
    again = service(a, "ConfirmPartsOrderSuggestion", confirmation, suggestionId=suggestion["suggestionId"])
    same = [o["trackingId"] for o in again.get("partsOrderSuggestionConfirmed", {}).get("orders", [])]
    check(again["outcome"] == "Accepted" and again["replayed"] and same == [o["trackingId"] for o in orders], "ConfirmPartsOrderSuggestion again: the same orders, replayed", again)
    stored = a.status(orders[0]["trackingId"]) if orders else {}
    check(stored.get("outcome") == "Found" and stored["document"]["partsOrder"]["source"] == "suggested", "GetDocumentStatus: the confirmed order, source suggested", stored)
    for who, suggestion_id, what in ((b, suggestion["suggestionId"], "another dealer's suggestion"), (a, "01K00000000000000000000000", "an unknown suggestion")):
        refused = service(who, "ConfirmPartsOrderSuggestion", suggestionId=suggestion_id)
        check(refused["outcome"] == "NotFound" and "partsOrderSuggestionConfirmed" not in refused, "ConfirmPartsOrderSuggestion, %s: NotFound" % what, refused)


def exercise_mailbox(a):
    batch = contract.to_json(a.call("PullNotifications", maxItems=100))
    notes = batch.get("notifications", [])
    check(batch["outcome"] == "Accepted" and len(notes) > 0, "PullNotifications returns the status changes", batch)
    take = [n["receiptId"] for n in notes[:3]]
    result = contract.to_json(a.call("AcknowledgeNotifications", receiptIds={"receiptId": take + ["01K0000000000000000000000"]}))
    check(sorted(result.get("acknowledged", [])) == sorted(take) and result.get("unknown") == ["01K0000000000000000000000"], "AcknowledgeNotifications removes them", result)
    after = contract.to_json(a.call("PullNotifications", maxItems=100)).get("notifications", [])
    check(not set(take) & {n["receiptId"] for n in after}, "acknowledged notifications are gone")
    for arguments, field in (({"maxItems": 0}, "maxItems"), ({"maxItems": 2147483647}, "maxItems"), ({"documentType": "no-such-type"}, "documentType"), ({"since": "yesterday"}, "since")):
        refused = contract.to_json(a.call("PullNotifications", **arguments))
        check(refused["outcome"] == "Rejected" and refused["errors"][0]["path"] == field, "PullNotifications %s refused with its path" % arguments, refused)


def fault_code(call):
    try:
        call()
    except Fault as fault:
        return fault.code
    return None


def exercise_security(plan, tracking_ids):
    # The first type that has dealer commands (periodic reports have none): its document and its first command.
    kind, a_tracking_id = next((k, t) for k, t in zip(plan["types"], tracking_ids) if k["commands"])
    b = Dealer(plan, "other", digest=True)
    foreign = b.status(a_tracking_id)
    check(foreign == {"outcome": "NotFound"}, "another dealer's document: NotFound and nothing else (PasswordDigest over HTTP)", foreign)
    command = kind["commands"][0]
    stolen = b.command(command["operation"], a_tracking_id, "nosy-1", command["bodyElement"], command["body"])
    check(stolen["outcome"] == "NotFound", "another dealer's command on the document: NotFound", stolen)
    wrong = Dealer(plan, "dealer", token=UsernameToken(plan["dealer"]["code"], plan["dealer"]["password"] + "x"))
    check(fault_code(lambda: wrong.status("x")) in ("wsse:FailedAuthentication", "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}FailedAuthentication"), "wrong password: FailedAuthentication fault")
    now = datetime.datetime.now(datetime.timezone.utc)
    replay = Dealer(plan, "other", digest=True, token=UsernameToken(plan["other"]["code"], plan["other"]["password"], use_digest=True, nonce=os.urandom(12).hex(), created=now))
    replay_first = replay.status("x")["outcome"]
    check(replay_first == "NotFound" and fault_code(lambda: replay.status("x")) is not None, "PasswordDigest: a nonce is accepted once, its replay refused")
    stamped = Dealer(plan, "dealer", token=UsernameToken(plan["dealer"]["code"], plan["dealer"]["password"],
                                                         timestamp_token=wsse_utils.WSU.Timestamp(wsse_utils.WSU.Created(now.strftime("%Y-%m-%dT%H:%M:%SZ")))))
    stamped.status("x")
    reply = stamped.history.last_received["envelope"]
    security = reply.find(".//{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}Security")
    check(security is not None and not [k for k in security.attrib if k.endswith("mustUnderstand")], "reply wsse:Security (Timestamp) without mustUnderstand")


def main():
    urllib3.disable_warnings()
    with open(sys.argv[1], encoding="utf-8") as file:
        plan = json.load(file)
    a = Dealer(plan, "dealer")
    tracking_ids = [exercise_type(a, kind) for kind in plan["types"]]
    exercise_inventory(a)
    exercise_suggestions(a, Dealer(plan, "other", digest=True))
    exercise_mailbox(a)
    exercise_security(plan, tracking_ids)
    replies = [etree.tostring(t["received"]["envelope"]) for t in a.history._buffer if t and t.get("received")]
    check(replies and not [r for r in replies if b"JSON" in r], "no reply speaks of JSON (%d replies read)" % len(replies))
    missing = sorted(set(a.ops) - EXERCISED)
    check(not missing, "every WSDL operation exercised", missing)
    print("zeep: %d operations exercised, %d failures" % (len(EXERCISED), len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
