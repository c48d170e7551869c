"""Evaluates rendered NetworkPolicies the way the Kubernetes API defines them, for offline checks.

A pod is isolated for a direction once any policy of that type selects it; a connection is then allowed when some
rule of a selecting policy matches both the peer and the port. Peers are pods (their namespace's labels and their
own) or addresses outside the cluster.
"""

import ipaddress

NAMESPACE_NAME = "kubernetes.io/metadata.name"


def selects(selector, labels):
    """Whether a label selector (matchLabels and matchExpressions) selects these labels; {} selects everything."""
    selector = selector or {}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and labels.get(key) in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


class Pod:
    """A party to a connection: a pod (namespace and labels, named container ports) or an address outside."""

    def __init__(self, namespace=None, labels=None, ports=None, address=None):
        self.namespace = namespace
        self.labels = labels or {}
        self.ports = ports or {}
        self.address = address

    def namespace_labels(self):
        return {NAMESPACE_NAME: self.namespace}


def policy_types(policy):
    spec = policy["spec"]
    types = spec.get("policyTypes")
    if types:
        return set(types)
    return {"Ingress"} | ({"Egress"} if spec.get("egress") else set())


def _peer_matches(peer, other, policy_namespace):
    if "ipBlock" in peer:
        if other.address is None:
            return False
        block = peer["ipBlock"]
        address = ipaddress.ip_address(other.address)
        return address in ipaddress.ip_network(block["cidr"]) and not any(
            address in ipaddress.ip_network(e) for e in block.get("except") or [])
    if other.address is not None:
        return False
    if "namespaceSelector" in peer:
        if not selects(peer["namespaceSelector"], other.namespace_labels()):
            return False
    elif other.namespace != policy_namespace:
        return False
    return selects(peer.get("podSelector"), other.labels) if "podSelector" in peer else True


def _port_matches(rule_port, port, protocol, destination):
    if rule_port.get("protocol", "TCP") != protocol:
        return False
    wanted = rule_port.get("port")
    if wanted is None:
        return True
    if isinstance(wanted, str):
        wanted = destination.ports.get(wanted)
        if wanted is None:
            return False
    return wanted <= port <= rule_port.get("endPort", wanted)


def allowed(policies, source, destination, port, protocol="TCP"):
    """Whether the policies let source open a connection to destination:port (both ends' policies must agree)."""
    return (_side_allows(policies, source, "Egress", destination, port, protocol, destination)
            and _side_allows(policies, destination, "Ingress", source, port, protocol, destination))


def _side_allows(policies, pod, direction, other, port, protocol, destination):
    if pod.address is not None:
        return True  # outside the cluster: not ours to police
    selecting = [p for p in policies
                 if p["metadata"].get("namespace") == pod.namespace and direction in policy_types(p)
                 and selects(p["spec"].get("podSelector"), pod.labels)]
    if not selecting:
        return True
    key, peers_key = ("egress", "to") if direction == "Egress" else ("ingress", "from")
    for policy in selecting:
        for rule in policy["spec"].get(key) or []:
            peers = rule.get(peers_key)
            if peers is not None and not any(
                    _peer_matches(peer, other, policy["metadata"].get("namespace")) for peer in peers):
                continue
            rule_ports = rule.get("ports")
            if rule_ports is None or any(_port_matches(rp, port, protocol, destination) for rp in rule_ports):
                return True
    return False
