#!/usr/bin/env python3
"""Translate Quarkus's native-image.args (a native-image *driver* command line) into
JVM options + NativeImageGeneratorRunner options, doing by hand what the driver does:
  - -J<opt>                      -> builder JVM option
  - -jar x.jar                   -> -imagecp x.jar + manifest Class-Path, -H:Class=<Main-Class>
  - image name (positional)      -> -H:Name=
  - API options (--features ...) -> -H: hosted options (looked up in svm-25.0.4 sources)
  - META-INF/native-image/**     -> per jar: native-image.properties Args (recursively translated),
                                    *-config.json / reachability-metadata.json extracted and passed as
                                    -H:<Kind>ConfigurationFiles=, honouring --exclude-config <jar-re> <res-re>
Writes: jvm.args, builder.args (one arg per line, for @argfile use) into the output dir.
"""
import os, re, sys, zipfile

src_dir, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
cfg_dir = os.path.join(out_dir, 'metainf-config')
os.makedirs(cfg_dir, exist_ok=True)

tokens = open(os.path.join(src_dir, 'native-image.args')).read().split()

jvm, builder, excludes = [], [], []
positional = []
jar = None

CFG_KINDS = {
    'reflect-config.json': 'ReflectionConfigurationFiles',
    'resource-config.json': 'ResourceConfigurationFiles',
    'jni-config.json': 'JNIConfigurationFiles',
    'proxy-config.json': 'DynamicProxyConfigurationFiles',
    'serialization-config.json': 'SerializationConfigurationFiles',
    'serialization-deny-config.json': 'SerializationDenyConfigurationFiles',
    'predefined-classes-config.json': 'PredefinedClassesConfigurationFiles',
    'reachability-metadata.json': 'ReachabilityMetadataFiles',
}


# Driver options that are a hosted option under another name, the value passed as it is.
RENAMED = {
    '--features=': '-H:Features=',
    '--link-at-build-time=': '-H:LinkAtBuildTime=',
    '--enable-url-protocols=': '-H:EnableURLProtocols=',
    '--enable-native-access=': '-H:EnableNativeAccess=',
    '-march=': '-H:March=',
}


def api(tok, origin='cmdline'):
    """Translate one driver option; returns list of builder args (or None if not an API option)."""
    def val(prefix):
        return tok[len(prefix):]
    for prefix, option in RENAMED.items():
        if tok.startswith(prefix):
            return [option + val(prefix)]
    if tok.startswith('--initialize-at-build-time'):
        v = tok.partition('=')[2]
        return ['-H:ClassInitialization=' + ','.join(c + ':build_time' for c in v.split(',')) if v else '-H:ClassInitialization=:build_time']
    if tok.startswith('--initialize-at-run-time='):
        v = val('--initialize-at-run-time=')
        return ['-H:ClassInitialization=' + ','.join(c + ':run_time' for c in v.split(','))]
    if tok == '--no-fallback':
        return ['-H:FallbackThreshold=0']
    if tok == '--link-at-build-time':
        return ['-H:LinkAtBuildTime=']
    if tok.startswith('--enable-monitoring'):
        v = tok.partition('=')[2]
        return ['-H:EnableMonitoringFeatures=' + (v or 'all')]
    if tok == '--enable-http':
        return ['-H:EnableURLProtocols=http']
    if tok == '--enable-https':
        return ['-H:EnableURLProtocols=https']
    if tok.startswith('-H:') or tok.startswith('-R:'):
        return [tok]
    return None


i = 0
while i < len(tokens):
    t = tokens[i]
    if t.startswith('-J'):
        jvm.append(t[2:])
    elif t == '-jar':
        jar = tokens[i + 1]; i += 1
    elif t == '--exclude-config':
        excludes.append((re.compile(tokens[i + 1]), re.compile(tokens[i + 2]))); i += 2
    elif t.startswith('-'):
        r = api(t)
        if r is None:
            sys.exit('untranslated driver option: ' + t)
        builder += r
    else:
        positional.append(t)
    i += 1

assert jar and len(positional) == 1, (jar, positional)
jar_path = os.path.join(src_dir, jar)
with zipfile.ZipFile(jar_path) as z:
    mf = z.read('META-INF/MANIFEST.MF').decode()
mf = re.sub(r'\r?\n ', '', mf)  # unfold continuation lines
attrs = dict(l.split(': ', 1) for l in mf.splitlines() if ': ' in l)
cp = [jar_path] + [os.path.join(src_dir, e) for e in attrs.get('Class-Path', '').split()]
missing = [p for p in cp if not os.path.exists(p)]
assert not missing, missing

# META-INF/native-image processing (what the driver's NativeImageMetaInfWalker does)
meta_args = []
report = []
for p in cp:
    base = os.path.basename(p)
    with zipfile.ZipFile(p) as z:
        for n in z.namelist():
            if not n.startswith('META-INF/native-image/') or n.endswith('/'):
                continue
            fname = n.rsplit('/', 1)[1]
            if fname != 'native-image.properties' and fname not in CFG_KINDS:
                continue
            # driver matches the jar pattern against the jar path and the resource pattern against '/'+entry
            if any(jr.search(p) and rr.search('/' + n) for jr, rr in excludes):
                report.append('EXCLUDED ' + base + ' ' + n)
                continue
            if fname == 'native-image.properties':
                text = z.read(n).decode()
                text = re.sub(r'\\\r?\n', ' ', text)
                for line in text.splitlines():
                    line = line.strip()
                    if line.startswith('#') or '=' not in line:
                        continue
                    k, _, v = line.partition('=')
                    k = k.strip()
                    if k == 'Args':
                        for a in v.split():
                            a = a.replace('${.}', 'META-INF/native-image/' + n[len('META-INF/native-image/'):].rsplit('/', 1)[0])
                            if 'ConfigurationResources=' in a:
                                # the json files are already picked up below as files; skip resource duplicates
                                report.append('SKIP(dup) ' + base + ' ' + a)
                                continue
                            r = api(a, base)
                            if r is None:
                                sys.exit('untranslated option in %s %s: %s' % (base, n, a))
                            meta_args += r
                            report.append('ARGS ' + base + ' ' + ' '.join(r))
                    elif k == 'JavaArgs':
                        jvm += v.split()
                        report.append('JAVAARGS ' + base + ' ' + v)
                    else:
                        report.append('IGNORED-PROP ' + base + ' ' + k)
            else:
                dst = os.path.join(cfg_dir, base, n)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                with open(dst, 'wb') as f:
                    f.write(z.read(n))
                meta_args.append('-H:%s=%s' % (CFG_KINDS[fname], dst))
                report.append('CONFIG ' + base + ' ' + n)

out = ['-imagecp', ':'.join(cp), '-H:Class=' + attrs['Main-Class'], '-H:Name=' + positional[0]] + builder + meta_args
# the -H:+/-UnlockExperimentalVMOptions brackets must survive ordering: meta args contain no experimental opts
open(os.path.join(out_dir, 'jvm.args'), 'w').write('\n'.join(jvm) + '\n')
open(os.path.join(out_dir, 'builder.args'), 'w').write('\n'.join(out) + '\n')
open(os.path.join(out_dir, 'metainf-report.txt'), 'w').write('\n'.join(report) + '\n')
print('jvm args: %d, builder args: %d, classpath entries: %d' % (len(jvm), len(out), len(cp)))
