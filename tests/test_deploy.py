"""The deployment files (deploy/): they parse, and the parts that must agree do agree. They are not run
against a real Docker engine or cluster here (none runs on the development machines)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"


def _docs() -> dict[str, dict]:
    docs: dict[str, dict] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                docs[doc["kind"]] = doc
    return docs


def test_kustomization_lists_every_manifest() -> None:
    kust = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kust["resources"]) == files


def test_deployment_runs_command_1_with_replicas_and_readonly_data() -> None:
    d = _docs()
    dep = d["Deployment"]
    assert dep["spec"]["replicas"] >= 2
    pod = dep["spec"]["template"]["spec"]
    c = pod["containers"][0]
    assert c["command"] == ["bash", "scripts/start.sh"]
    env = {e["name"]: e.get("value") for e in c["env"]}
    assert int(env["PII_WORKERS"]) >= 1 and env["PII_DATA_DIR"].startswith("/data")
    assert c["readinessProbe"]["httpGet"]["path"] == "/_cluster/health"
    assert (ROOT / "scripts" / "serve_cluster.py").read_text(encoding="utf-8").count('"/_cluster/health"') == 1
    mount = c["volumeMounts"][0]
    assert mount["readOnly"] is True and env["PII_DATA_DIR"].startswith(mount["mountPath"])
    vol = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    pvc = d["PersistentVolumeClaim"]
    assert vol["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"]
    assert pvc["spec"]["accessModes"] == ["ReadOnlyMany"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= dep["spec"]["template"]["metadata"]["labels"].items()


def test_service_and_ingress_reach_the_pods_with_cookie_affinity() -> None:
    d = _docs()
    dep, svc, ing = d["Deployment"], d["Service"], d["Ingress"]
    assert svc["spec"]["selector"].items() <= dep["spec"]["template"]["metadata"]["labels"].items()
    port_names = {p["name"] for p in dep["spec"]["template"]["spec"]["containers"][0]["ports"]}
    assert {p["targetPort"] for p in svc["spec"]["ports"]} <= port_names
    ann = ing["metadata"]["annotations"]
    assert ann["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(ann["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # idle websockets
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == svc["metadata"]["name"]
    assert backend["port"]["name"] in {p["name"] for p in svc["spec"]["ports"]}


def test_dockerfile_is_debian_with_chromium_haproxy_and_runs_start_sh() -> None:
    text = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert lines[0].startswith("FROM debian:")
    for pkg in ("chromium", "haproxy", "fonts-dejavu-core"):
        assert pkg in text
    assert "scripts/install.sh requirements.txt" in text
    assert lines[-1] == 'CMD ["bash", "scripts/start.sh"]'
    assert "EXPOSE 8501" in text
