#!/usr/bin/env python3
"""The oracle of scripts/interop: asks `openssl s_client` what each endpoint presents, reads what
cert-audit reported for it (its JSON export, and the run's database for what the exports lack), and
writes bench/INTEROP.md.

Agreement is strict: both must have seen the same leaf (SHA-256 of the certificate), with the same
notAfter in the export and the same number of certificates sent; a leaf that only a second handshake
reaches (the RSA one of a dual-certificate server) must be reported too; a stapled OCSP response saying
"revoked" must come out as CRIT_CERT_REVOKED. cert-audit reporting ERROR where s_client sees a
certificate is a disagreement; both seeing none (a server that offers no STARTTLS) is an agreement.
"""
import argparse
import base64
import csv
import datetime
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import time

csv.field_size_limit(sys.maxsize)

# the inventory's service -> s_client's -starttls dialect
STARTTLS = {"smtp": "smtp", "submission": "smtp", "imap": "imap", "pop3": "pop3", "ftp": "ftp", "ldap": "ldap"}

PEM = re.compile(r"-----BEGIN CERTIFICATE-----\n(.*?)-----END CERTIFICATE-----", re.S)


class Leaf:
    def __init__(self, pem_body):
        der = base64.b64decode("".join(pem_body.split()))
        self.sha256 = hashlib.sha256(der).hexdigest()
        pem = "-----BEGIN CERTIFICATE-----\n" + pem_body + "-----END CERTIFICATE-----\n"
        out = subprocess.run(["openssl", "x509", "-noout", "-subject", "-enddate", "-nameopt", "RFC2253"],
                             input=pem, capture_output=True, text=True, check=True).stdout
        self.subject = re.search(r"^subject=(.*)$", out, re.M).group(1).strip()
        not_after = re.search(r"^notAfter=(.*)$", out, re.M).group(1).strip()
        self.not_after = datetime.datetime.strptime(not_after, "%b %d %H:%M:%S %Y %Z").strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def cn(self):
        match = re.search(r"CN=([^,]+)", self.subject)
        return match.group(1) if match else self.subject


class Handshake:
    """What one s_client run saw."""

    def __init__(self, command, output):
        self.command = command
        # only the server's chain: with -status the OCSP response's own signer certificate is printed too
        chain = output.split("\nCertificate chain\n", 1)[1].split("\n---\n", 1)[0] if "\nCertificate chain\n" in output else ""
        self.certificates = PEM.findall(chain)
        self.leaf = Leaf(self.certificates[0]) if self.certificates else None
        # "New, TLSv1.0, Cipher is ..." names the cipher's version, not the connection's: the session's
        # Protocol line does. A TLS 1.3 session is printed only once a ticket came, which some servers
        # send after s_client has gone, but then the cipher's version (TLSv1.3) is the connection's.
        agreed = re.search(r"^New, (\S+), Cipher is (\S+)", output, re.M)
        session = re.search(r"^\s*Protocol\s*: (\S+)", output, re.M)
        self.cipher = agreed.group(2) if agreed and agreed.group(2) != "(NONE)" else None
        self.protocol = (session.group(1) if session else agreed.group(1)) if self.cipher else None
        self.staple = None
        match = re.search(r"^\s*Cert Status: (\S+)", output, re.M)
        if match:
            self.staple = match.group(1)
        errors = [line.strip() for line in output.splitlines()
                  if re.search(r"error|didn't|alert|refused|421 ", line, re.I) and "Verify" not in line
                  and "verify error" not in line]
        self.error = errors[0] if errors else None

    def protocol_text(self):
        if not self.protocol:
            return "-"
        return f"{self.protocol} {self.cipher}" if self.cipher else self.protocol


def s_client(endpoint, extra):
    command = ["openssl", "s_client", "-connect", f"{endpoint['address']}:{endpoint['port']}",
               "-servername", endpoint["host"], "-showcerts", "-status"]
    dialect = STARTTLS.get(endpoint["protocol"])
    if dialect:
        command += ["-starttls", dialect]
    command += extra.split()
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=40)
        output = result.stdout + result.stderr
    except subprocess.TimeoutExpired as ex:
        output = (ex.stdout or b"").decode(errors="replace") + "\nerror: s_client timed out after 40 s"
    return Handshake(" ".join(command), output)


def oracle(endpoint):
    seen = s_client(endpoint, endpoint["oracle"])
    # a server that limits connections per host may still be serving an earlier one: wait and ask once
    # more, as a patient client would
    if not seen.leaf and seen.error and "421" in seen.error:
        time.sleep(4)
        seen = s_client(endpoint, endpoint["oracle"])
    second = s_client(endpoint, endpoint["second"]) if endpoint["second"] else None
    return seen, second


def read_manifest(path):
    names = ["id", "server", "configuration", "host", "port", "protocol", "address", "oracle", "second", "takes"]
    with open(path, newline="") as handle:
        return [dict(zip(names, line.rstrip("\n").split("\t"))) for line in handle if line.strip()]


def read_cert_audit(work):
    exports = sorted(glob.glob(os.path.join(work, "reports", "*", "cert-audit-*.json")))
    if not exports:
        sys.exit("interop-oracle: no JSON export under " + os.path.join(work, "reports"))
    with open(exports[-1]) as handle:
        report = json.load(handle)
    probes = {}
    probe_file = os.path.join(work, "probe_result.csv")
    if os.path.exists(probe_file):
        with open(probe_file, newline="") as handle:
            for row in csv.DictReader(handle):
                if int(row["RUN_ID"]) == report["run"]["run_id"]:
                    probes[int(row["TARGET_ID"])] = row
    by_id = {}
    for endpoint in report["endpoints"]:
        labels = dict(label.split("=", 1) for label in endpoint["labels"].split() if "=" in label)
        if "interop" in labels:
            probe = probes.get(endpoint["target_id"], {})
            endpoint["chain_length"] = (len(PEM.findall((probe.get("CHAIN_PEM") or "").replace("\r\n", "\n")))
                                        if probe else None)
            endpoint["tls_protocol"] = probe.get("TLS_PROTOCOL") or None
            endpoint["cipher_suite"] = probe.get("CIPHER_SUITE") or None
            by_id.setdefault(labels["interop"], []).append(endpoint)
    return report, exports[-1], by_id


def judge(seen, second, reported):
    """Returns (agree, reasons)."""
    leaves = [h for h in (seen, second) if h and h.leaf]
    reported_fps = {e["sha256"] for e in reported if e["sha256"]}
    reasons = []
    if not reported:
        return False, ["cert-audit's export has no such endpoint"]
    if not leaves and not reported_fps:
        return True, []
    if leaves and not reported_fps:
        errors = "; ".join(f"{e['status']}: {e['error'] or 'no certificate'}" for e in reported)
        return False, [f"cert-audit fetched no certificate ({errors}) where s_client got {leaves[0].leaf.cn}"]
    if not leaves:
        return False, [f"cert-audit reports a certificate where s_client got none ({seen.error or 'no certificate'})"]
    oracle_fps = {h.leaf.sha256 for h in leaves}
    for handshake in leaves:
        leaf = handshake.leaf
        if leaf.sha256 not in reported_fps:
            how = "" if handshake is seen else f" (with {handshake.command.split('-status', 1)[1].strip()})"
            reasons.append(f"cert-audit did not report the leaf s_client got{how}: {leaf.cn}, notAfter {leaf.not_after}")
            continue
        for endpoint in (e for e in reported if e["sha256"] == leaf.sha256):
            if endpoint["not_after"] != leaf.not_after:
                reasons.append(f"same leaf, but the export says notAfter {endpoint['not_after']}, the certificate {leaf.not_after}")
            if endpoint["chain_length"] is not None and endpoint["chain_length"] != len(handshake.certificates):
                reasons.append(f"chain: s_client got {len(handshake.certificates)} certificates, cert-audit kept {endpoint['chain_length']}")
    for endpoint in reported:
        if endpoint["sha256"] and endpoint["sha256"] not in oracle_fps:
            reasons.append(f"cert-audit reported a leaf s_client did not get: {endpoint['subject']}, notAfter {endpoint['not_after']}")
    if any(h.staple == "revoked" for h in leaves):
        rules = {f["rule_id"] for e in reported for f in e["findings"]}
        if "CRIT_CERT_REVOKED" not in rules:
            reasons.append("the stapled OCSP response says revoked; cert-audit reports no CRIT_CERT_REVOKED")
    return not reasons, reasons


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def oracle_cells(seen, second):
    handshakes = [h for h in (seen, second) if h]
    def joined(render):
        return "<br>".join(render(h) for h in handshakes)
    def cn(h):
        if not h.leaf:
            return "none" + (f" ({h.error})" if h.error else "")
        return h.leaf.cn + (f", staple: {h.staple}" if h.staple else "")
    return [joined(cn), joined(lambda h: h.leaf.not_after if h.leaf else "-"),
            joined(lambda h: str(len(h.certificates)) if h.leaf else "-"), joined(Handshake.protocol_text)]


def cert_audit_cells(reported):
    if not reported:
        return ["missing", "-", "-", "-", "-"]
    def joined(render):
        return "<br>".join(render(e) for e in reported)
    def status(e):
        return e["status"] + (f": {e['error']}" if e["status"] == "ERROR" and e["error"] else "")
    def protocol(e):
        if not e["tls_protocol"]:
            return e["protocol"]
        return f"{e['protocol']}, {e['tls_protocol']} {e['cipher_suite'] or ''}".strip()
    return [joined(status), joined(lambda e: e["not_after"] or "-"),
            joined(lambda e: " ".join(f["rule_id"] for f in e["findings"]) or "-"),
            joined(lambda e: "-" if e["chain_length"] in (None, 0) else str(e["chain_length"])), joined(protocol)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True, help="the harness's directory (endpoints.tsv, reports/)")
    parser.add_argument("--out", required=True, help="the Markdown file to write")
    options = parser.parse_args()

    endpoints = read_manifest(os.path.join(options.work, "endpoints.tsv"))
    report, export, by_id = read_cert_audit(options.work)
    rows = []
    for number, endpoint in enumerate(endpoints, 1):
        seen, second = oracle(endpoint)
        reported = by_id.get(endpoint["id"], [])
        agree, reasons = judge(seen, second, reported)
        rows.append((number, endpoint, seen, second, reported, agree, reasons))
        print(f"interop: {endpoint['id']}: {'agree' if agree else 'DISAGREE: ' + '; '.join(reasons)}", file=sys.stderr)

    with open(os.path.join(options.work, "versions.txt")) as handle:
        versions = [line.strip() for line in handle if line.strip()]
    with open(os.path.join(options.work, "inventory.txt")) as handle:
        inventory = handle.read()
    openssl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    agreeing = sum(1 for row in rows if row[5])
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    out = []
    out.append("# Interoperability: cert-audit against real servers, with `openssl s_client` as the oracle\n")
    out.append(f"Written by `scripts/interop` on {now}: cert-audit run {report['run']['run_id']} "
               f"(`{os.path.basename(export)}`). **{agreeing} of {len(rows)} endpoints agree.**\n")
    out.append("Each endpoint is audited once by `scripts/cert-audit audit <inventory> --new` (private H2 database, "
               "the harness's root CA as `cert-audit.trust.extra-store`) and then visited by `openssl s_client "
               "-showcerts -status -servername <host> [-starttls ...]`, with `-cipher DEFAULT:@SECLEVEL=0` and a "
               "protocol flag where OpenSSL 3 would otherwise refuse a legacy server. They **agree** when both saw "
               "the same leaf (SHA-256 of the certificate) with the same notAfter in cert-audit's export and the "
               "same number of certificates sent (cert-audit's from the run's `probe_result`, which the exports "
               "lack); a second leaf that s_client reaches by offering only RSA signatures (dual-certificate "
               "servers) must be reported as well; a stapled OCSP response saying revoked must come out as "
               "`CRIT_CERT_REVOKED`. cert-audit reporting `ERROR` where s_client sees a certificate is a "
               "disagreement; both seeing none is an agreement. Negotiated protocol and cipher are shown, not "
               "judged (cert-audit names cipher suites as Java does, s_client as OpenSSL does).\n")
    out.append("| # | Server | Configuration | Endpoint | s_client: leaf CN | notAfter | certs | protocol / cipher "
               "| cert-audit: status | notAfter | findings | certs | protocol | Agree? |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for number, endpoint, seen, second, reported, agree, reasons in rows:
        where = f"`{endpoint['host']}:{endpoint['port']}` {endpoint['protocol']} @{endpoint['address']}"
        cells = [str(number), endpoint["server"], endpoint["configuration"], where] + oracle_cells(seen, second) \
            + cert_audit_cells(reported) + ["yes" if agree else "**no**"]
        out.append("| " + " | ".join(cell(c) for c in cells) + " |")
    out.append("")
    disagreements = [row for row in rows if not row[5]]
    out.append(f"## Disagreements ({len(disagreements)})\n")
    if not disagreements:
        out.append("None.\n")
    for number, endpoint, seen, second, reported, agree, reasons in disagreements:
        takes = f" To see it takes {endpoint['takes']}." if endpoint["takes"] else ""
        out.append(f"- **{number}. {endpoint['server']}, {endpoint['configuration']}**: " + "; ".join(reasons) + "." + takes)
    out.append("")
    skipped_file = os.path.join(options.work, "skipped.txt")
    if os.path.exists(skipped_file):
        out.append("## Skipped\n")
        with open(skipped_file) as handle:
            out.extend(f"- {line.strip()}" for line in handle if line.strip())
        out.append("")
    out.append("## Versions\n")
    out.append("```")
    out.extend(versions + [openssl])
    out.append("```\n")
    out.append("## How to run\n")
    out.append("```sh\nscripts/interop          # as root: installs what is missing, starts the servers, audits, "
               "compares, writes bench/INTEROP.md, stops them\nscripts/interop --keep   # leaves the servers "
               "running: audit them again with the inventory below, then scripts/interop --stop\n```\n")
    out.append("Not part of CI. It installs `nginx postfix dovecot-imapd dovecot-pop3d vsftpd slapd stunnel4` with "
               "apt (services kept from starting by policy-rc.d), unpacks exim4's daemon beside postfix (the two "
               "packages conflict), and runs every daemon from `/tmp/cert-audit-interop` on 127.0.x.y with "
               "certificates it makes with `openssl`; cert-audit's database and reports go there too.\n")
    out.append("The inventory it audited (`address=` resolves the names; `interop=` finds the rows in the export):\n")
    out.append("```\n" + inventory + "```")
    with open(options.out, "w") as handle:
        handle.write("\n".join(out) + "\n")
    print(f"interop: {agreeing} of {len(rows)} endpoints agree; wrote {options.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
