#!/usr/bin/env bash
# Assembles the improvised native-image toolchain (README.md) into $TOOLCHAIN: the GraalVM 25.0.4 builder jars from
# Maven Central, a copy of Temurin 25 with the two things the builder looks for in a GraalVM JDK (its progress
# reporter's helper library, and static JDK archives, here empty placeholders: the JDK natives are linked from
# Temurin's shared libraries instead), the export list for the builder's module layer, and the C stand-ins.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TOOLCHAIN=${TOOLCHAIN:-/tmp/toolgate-native-toolchain}
TEMURIN=${TEMURIN:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$TOOLCHAIN"
rm -rf "$TOOLCHAIN/mp" "$TOOLCHAIN/jdk"
JAVA_HOME=$TEMURIN "$HERE/../../mvnw" -B -q -f "$HERE/toolchain-pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$TOOLCHAIN/mp" -DexcludeTransitive=false
cp -r "$TEMURIN" "$TOOLCHAIN/jdk"
J=$TOOLCHAIN/jdk
mkdir -p "$J/lib/svm/builder/lib" "$J/lib/static/linux-amd64/glibc"
gcc -O2 -shared -fPIC -I"$J/include" -I"$J/include/linux" "$HERE/reporterchelper.c" \
  -o "$J/lib/svm/builder/lib/libreporterchelper.so"
for lib in java nio net; do ar rc "$J/lib/static/linux-amd64/glibc/lib$lib.a"; done
mkdir -p "$TOOLCHAIN/clib" && cp -r "$HERE/include" "$TOOLCHAIN/clib/"
# Every package of every JDK module exported and opened to the builder's modules, as the GraalVM driver does.
TARGETS=org.graalvm.nativeimage.builder,org.graalvm.nativeimage.base,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile,jdk.graal.compiler,org.graalvm.nativeimage.configure,org.graalvm.truffle.compiler,ALL-UNNAMED
cat > "$TOOLCHAIN/Packages.java" <<'JAVA'
public class Packages {
    public static void main(String[] a) {
        ModuleLayer.boot().modules().stream().filter(m -> !m.getName().startsWith("jdk.incubator"))
            .flatMap(m -> m.getPackages().stream().map(p -> m.getName() + "/" + p)).sorted()
            .forEach(System.out::println);
    }
}
JAVA
"$J/bin/java" --add-modules ALL-SYSTEM "$TOOLCHAIN/Packages.java" \
  | awk -v t="$TARGETS" '{print "--add-exports=" $0 "=" t; print "--add-opens=" $0 "=" t}' > "$TOOLCHAIN/exports.args"
echo "toolchain ready in $TOOLCHAIN: $(ls "$TOOLCHAIN/mp" | wc -l) jars, $(wc -l < "$TOOLCHAIN/exports.args") export lines"
