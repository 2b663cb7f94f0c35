# Medians per target of wrk RESULT lines ("<target>: RESULT key=value ..."), in the order the targets first appear.
# Usage: awk -F': RESULT ' -v width=40 -v columns='rps=rps:%d p50_ms=p50_ms:%.2f' -f bench/medians.awk results
#   columns: what to print, each label=key:format (the key as the RESULT line names it).
{
  name = $1; split($2, kv, " ")
  for (i in kv) { split(kv[i], p, "="); v[name, p[1], ++n[name, p[1]]] = p[2] }
  if (!(name in seen)) { seen[name] = 1; order[++count] = name }
}
function median(name, key,   k, i, j, a, t) {
  k = n[name, key]
  for (i = 1; i <= k; i++) a[i] = v[name, key, i]
  for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
END {
  ncol = split(columns, col, " ")
  for (c = 1; c <= count; c++) {
    line = sprintf("%-" width "s", order[c])
    for (i = 1; i <= ncol; i++) {
      split(col[i], lk, "="); split(lk[2], kf, ":")
      line = line " " lk[1] "=" sprintf(kf[2], median(order[c], kf[1]))
    }
    print line
  }
}
