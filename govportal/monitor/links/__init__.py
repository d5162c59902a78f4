"""链接检查 — the cluster-wide link checker and the scored indicators of the monitor
(broken links, images without alt text, the 标识码 meta, interpretations of 规范性文件).
docs/supervision.md ("Link checker"), docs/adr/0023-link-checker.md."""
