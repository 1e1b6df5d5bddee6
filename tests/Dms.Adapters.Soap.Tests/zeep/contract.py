"""Helpers that know only the published WSDL: JSON payloads to zeep arguments, zeep replies back to JSON."""
import datetime
import decimal
import json

from zeep.xsd import ComplexType


def operations(client):
    """Operation name -> zeep operation, for every port of every service in the WSDL."""
    found = {}
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            found.update(port.binding._operations)
    return found


def children(operation):
    """The request wrapper's child elements as (name, element)."""
    return list(operation.input.body.type.elements)


def is_list(xsd_type):
    """Our contract's list rule: a complex type with exactly one child, which repeats."""
    if not isinstance(xsd_type, ComplexType):
        return False
    elements = list(xsd_type.elements)
    return len(elements) == 1 and (elements[0][1].max_occurs == "unbounded" or elements[0][1].max_occurs > 1)


def to_zeep(value, xsd_type):
    """A JSON value as zeep wants it for this type. Scalars go as text, so a wrong value reaches the hub unchanged."""
    if isinstance(xsd_type, ComplexType):
        if is_list(xsd_type):
            name, item = list(xsd_type.elements)[0]
            return {name: [to_zeep(v, item.type) for v in value]}
        known = dict(xsd_type.elements)
        return {k: to_zeep(v, known[k].type) for k, v in value.items() if k in known}
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return value


def to_json(value):
    """A zeep reply as plain JSON-like data: list wrappers become lists, absent elements disappear."""
    if value is None:
        return None
    if hasattr(value, "_xsd_type") and isinstance(value._xsd_type, ComplexType):
        elements = list(value._xsd_type.elements)
        if is_list(value._xsd_type):
            return [to_json(v) for v in (value[elements[0][0]] or [])]
        result = {}
        for name, _ in elements:
            item = to_json(value[name])
            if item is not None:
                result[name] = item
        return result
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return instant(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return number(value)
    return value


def number(value):
    """Numbers compared by value: 1.5, 1.50 and Decimal('1.5') are equal."""
    normalized = decimal.Decimal(str(value)).normalize()
    return int(normalized) if normalized == normalized.to_integral_value() else normalized


def instant(value):
    """A timestamp as UTC to the millisecond (REST keeps 100 ns ticks, zeep microseconds).

    REST's ticks are rounded to the microsecond as zeep (isodate) rounds the xs:dateTime it reads, not cut: cut, a
    value like .2729995 s read .272 over REST and .273 over SOAP (a flake once in about 2,000 timestamps)."""
    if isinstance(value, str):
        text = value.replace("Z", "+00:00")
        head, _, tail = text.partition(".")
        micros = 0
        if tail:
            digits = tail[:len(tail) - len(tail.lstrip("0123456789"))]
            zone = tail[len(digits):]
            micros = int((decimal.Decimal("0." + digits) * 1000000).to_integral_value())
            text = head + zone
        value = datetime.datetime.fromisoformat(text) + datetime.timedelta(microseconds=micros)
    value = value.astimezone(datetime.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)


def flatten(details, prefix=""):
    """A REST timeline entry's details as SOAP carries them: one (path, text) per leaf."""
    leaves = []
    if isinstance(details, dict):
        for key, value in details.items():
            leaves += flatten(value, key if not prefix else prefix + "/" + key)
    elif isinstance(details, list):
        for i, value in enumerate(details):
            leaves += flatten(value, "%s[%d]" % (prefix, i + 1))
    elif details is not None:
        text = details if isinstance(details, str) else json.dumps(details)
        leaves.append({"name": prefix, "value": text})
    return leaves


def rest_view(view, type_element, state_element):
    """REST's GET of a document in the SOAP status shape, to compare the two field by field."""
    expected = {"outcome": "Found"}
    for key in ("trackingId", "documentType", "documentNumber", "status", "contentVersion", "oemReference", "allowedActions", "deliveries"):
        if view.get(key) not in (None, [], {}):
            expected[key] = view[key]
    for key in ("submittedAt", "updatedAt"):
        expected[key] = instant(view[key])
    if view.get("oem") and state_element:
        expected["oem"] = {state_element: view["oem"]}
    # Maps in JSON, lists ordered by name in XML (XML has no maps).
    expected["overlays"] = [overlay(name, value) for name, value in sorted((view.get("overlays") or {}).items())]
    expected["fields"] = [{"name": name, "value": value} for name, value in sorted((view.get("fields") or {}).items())]
    expected["timeline"] = []
    for entry in view["timeline"]:
        shaped = {k: v for k, v in entry.items() if v is not None and k != "details"}
        shaped["at"] = instant(entry["at"])
        if entry.get("details"):
            shaped["details"] = flatten(entry["details"])
        expected["timeline"].append(shaped)
    expected["document"] = {type_element: view["document"]}
    return canonical(expected)


def overlay(name, value):
    """A REST overlay ({active, reasonClass, since, …, details}) as SOAP carries it: named, details one value per leaf."""
    shaped = {"name": name}
    shaped.update({k: v for k, v in value.items() if k != "details"})
    if value.get("details"):
        shaped["details"] = flatten(value["details"])
    return shaped


def canonical(value):
    """Values compared by meaning: numbers by value, timestamps to the millisecond, no nulls or empty lists."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return number(value)
    if isinstance(value, str) and len(value) > 19 and value[10] == "T" and value[4] == "-":
        try:
            return instant(value)
        except ValueError:
            return value
    return value
