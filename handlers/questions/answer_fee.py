"""The yearly fee from the network's fee model: fixed + per inhabitant × population, clamped to
[min, max], with a short account of how it was computed."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.questions.present import Say
from messages.model import Field, Message
from storage.snapshot import NetworkSnapshot, Org


@dataclass(frozen=True)
class Fee:
    raw: float  # fixed + per inhabitant × population
    amount: float  # after min/max
    clamped: str | None  # "min" | "max" | None


def has_model(net: NetworkSnapshot) -> bool:
    return bool(net.fee_fixed_nok or net.fee_per_inhabitant_nok or net.fee_min_nok or net.fee_max_nok)


def compute(net: NetworkSnapshot, population: int | None) -> Fee | None:
    """None when the model needs a population that is not known."""
    if net.fee_per_inhabitant_nok and population is None:
        return None
    raw = net.fee_fixed_nok + net.fee_per_inhabitant_nok * (population or 0)
    amount, clamped = raw, None
    if net.fee_min_nok is not None and amount < net.fee_min_nok:
        amount, clamped = net.fee_min_nok, "min"
    if net.fee_max_nok is not None and amount > net.fee_max_nok:
        amount, clamped = net.fee_max_nok, "max"
    return Fee(raw, amount, clamped)


def model_text(say: Say) -> str:
    net = say.net
    parts = []
    if net.fee_fixed_nok:
        parts.append(say("q_fee_part_fixed", amount=say.nok(net.fee_fixed_nok)))
    if net.fee_per_inhabitant_nok:
        parts.append(say("q_fee_part_per", amount=say.nok(net.fee_per_inhabitant_nok)
                         if float(net.fee_per_inhabitant_nok).is_integer() else
                         say("q_fee_decimal_nok", amount=say.number(net.fee_per_inhabitant_nok))))
    text = " + ".join(parts) if parts else say.nok(0)
    limits = []
    if net.fee_min_nok is not None:
        limits.append(say("q_fee_min", amount=say.nok(net.fee_min_nok)))
    if net.fee_max_nok is not None:
        limits.append(say("q_fee_max", amount=say.nok(net.fee_max_nok)))
    if limits:
        text = say("q_fee_model_limits", model=text, limits=say.names(limits))
    return text


def fee_model(say: Say) -> list[Message]:
    net = say.net
    if not has_model(net):
        return [Message(text=say("q_fee_no_model", network=net.name))]
    return [Message(title=say("q_fee_title_network", network=net.name),
                    text=say("q_fee_model", network=net.name, model=model_text(say)),
                    context=say("q_fee_ask_for_org"))]


def fee_difference(say: Say, orgs: list[Org]) -> list[Message] | None:
    """ "hvor mye mer betaler Arendal enn Grimstad": the difference of two fees (None without a model or
    a population)."""
    fees = [(org, compute(say.net, org.population)) for org in orgs[:2]]
    if not has_model(say.net) or any(fee is None for _, fee in fees):
        return None
    known = sorted(((org, fee.amount) for org, fee in fees if fee is not None), key=lambda x: -x[1])
    (big, big_fee), (small, small_fee) = known
    params = {"big": say.org(big.id), "small": say.org(small.id), "big_n": say.nok(big_fee),
              "small_n": say.nok(small_fee)}
    text = say("q_compare_fee", diff=say.nok(big_fee - small_fee), **params) if big_fee != small_fee else say(
        "q_compare_fee_same", **params)
    return [Message(title=say.names([say.org(o.id) for o in orgs[:2]]), text=text)]


def fee_for(say: Say, org: Org) -> list[Message]:
    net = say.net
    name = say.org(org.id)
    title = say("q_fee_title", org=name)
    if not has_model(net):
        return [Message(title=title, text=say("q_fee_no_model", network=net.name))]
    fee = compute(net, org.population)
    if fee is None:
        return [Message(title=title, text=say("q_fee_no_population", org=name),
                        context=say("q_fee_model", network=net.name, model=model_text(say)))]
    text = say("q_fee_amount", org=name, amount=say.nok(fee.amount))
    fields: list[Field] = []
    if net.fee_per_inhabitant_nok and org.population is not None:
        per = say.nok(net.fee_per_inhabitant_nok) if float(net.fee_per_inhabitant_nok).is_integer() else say(
            "q_fee_decimal_nok", amount=say.number(net.fee_per_inhabitant_nok))
        how = say("q_fee_how", fixed=say.nok(net.fee_fixed_nok), per=per, population=say.number(org.population),
                  raw=say.nok(fee.raw)) if net.fee_fixed_nok else say(
            "q_fee_how_per", per=per, population=say.number(org.population), raw=say.nok(fee.raw))
    else:
        how = say("q_fee_how_fixed", fixed=say.nok(net.fee_fixed_nok))
    if fee.clamped == "min":
        how = say("q_fee_raised_to_min", how=how, amount=say.nok(fee.amount))
    elif fee.clamped == "max":
        how = say("q_fee_capped_at_max", how=how, amount=say.nok(fee.amount))
    fields.append(Field(say("q_label_computed"), how))
    context = None
    if org.status != "member":
        context = say("q_fee_not_member", org=name, status=say.status(org.status))
    return [Message(title=title, text=text, fields=fields, context=context)]
