#!/usr/bin/env bash
# Builds Toolgate's native executable with the improvised toolchain (README.md; run setup.sh first).
# Quarkus writes the native-image command line and the class path (the native profile, sources only); gen-args.py
# does what the missing native-image driver would do with them; the builder then runs on the toolchain's JDK.
# Output: server/target/native-out/toolgate-<version>-runner. Takes ~5 min and ~7 GB on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
TOOLCHAIN=${TOOLCHAIN:-/tmp/toolgate-native-toolchain}
J=$TOOLCHAIN/jdk
[ -x "$J/bin/java" ] || { echo "no toolchain in $TOOLCHAIN: run native/improvised/setup.sh" >&2; exit 1; }
cd "$PROJECT"
JAVA_HOME=$J ./mvnw -B -q install -DskipTests -pl extension/runtime,extension/deployment -am
JAVA_HOME=$J ./mvnw -B -q -f server/pom.xml -Pnative package -DskipTests -Dquarkus.native.sources-only=true \
  -Dquarkus.native.container-build=false
SRC=$PROJECT/server/target/native-sources
NI=$PROJECT/server/target/ni
OUT=$PROJECT/server/target/native-out
mkdir -p "$NI" "$OUT"
python3 "$HERE/gen-args.py" "$SRC" "$NI"
MP=$(ls "$TOOLCHAIN"/mp/*.jar | grep -v /compiler- | tr '\n' ':')
BUILDER_MODULES=jdk.graal.compiler,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.base,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile
EXPORTS=()
for p in common meta code services runtime amd64 aarch64 riscv64 hotspot hotspot.amd64 hotspot.aarch64 hotspot.riscv64; do
  EXPORTS+=("--add-exports=jdk.internal.vm.ci/jdk.vm.ci.$p=ALL-UNNAMED,$BUILDER_MODULES")
done
LINK=()
# The JDK natives come from Temurin's shared libraries (there are no static ones), found through an rpath.
for l in libjava libnio libnet libzip libextnet libmanagement_ext; do LINK+=("-H:NativeLinkerOption=$J/lib/$l.so"); done
gcc -O2 -fPIC -c -I"$TOOLCHAIN/clib/include" -I"$J/include" -I"$J/include/linux" "$HERE/stubs.c" -o "$NI/stubs.o"
LINK+=("-H:NativeLinkerOption=$NI/stubs.o" "-H:NativeLinkerOption=-Wl,-rpath,$J/lib:$J/lib/server"
  "-H:NativeLinkerOption=-Wl,--disable-new-dtags" "-H:NativeLinkerOption=-Wl,-rpath-link,$J/lib/server")
mapfile -t BARGS < "$NI/builder.args"
mapfile -t JARGS < "$NI/jvm.args"
cd "$OUT"
# The builder checks that the JDK's JVMCI matches the Graal it was built for (25.0.4); Temurin 25's is close enough.
export JVMCI_VERSION_CHECK=ignore
exec "$J/bin/java" --enable-native-access=ALL-UNNAMED,$BUILDER_MODULES @"$TOOLCHAIN/exports.args" \
  --add-exports=java.base/jdk.internal.module=org.graalvm.nativeimage.base,org.graalvm.nativeimage.builder \
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler -Xss10m -Xmx"${XMX:-8g}" -XX:+UseParallelGC \
  -Djdk.internal.lambda.disableEagerInitialization=true -Dorg.graalvm.version=25.0.4 -Dcom.oracle.graalvm.isaot=false \
  -Dorg.graalvm.vendor=improvised "-Dorg.graalvm.vendorversion=GraalVM CE 25.0.4+1.1" \
  -Dorg.graalvm.nativeimage.imagecode=buildtime \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  "${EXPORTS[@]}" ${JARGS[@]+"${JARGS[@]}"} \
  --upgrade-module-path "$TOOLCHAIN/mp/compiler-25.0.4.jar" --module-path "$MP" \
  --add-modules ALL-MODULE-PATH,ALL-DEFAULT \
  --module org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
  "${BARGS[@]}" -H:Path="$OUT" -H:CLibraryPath="$TOOLCHAIN/clib" -H:+ReportExceptionStackTraces "${LINK[@]}" \
  -H:ImageBuildID="$(cat /proc/sys/kernel/random/uuid)" "$@"
