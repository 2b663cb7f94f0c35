/*
 * Stand-ins for the C libraries a GraalVM distribution links into every native image (libchelper, the svm
 * libjvm.a, the JDK static libraries). Written for the improvised toolchain (see README.md), NOT equivalent to
 * GraalVM's: no CPU feature check, a minimal signal relay, no time zone lookup, no container detection, locale
 * fixed to en_US. The JDK natives come from Temurin's shared libraries, which the JNI_OnLoad_* shims initialise.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <semaphore.h>
#include <dlfcn.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "amd64cpufeatures.h"
#include "svm_locale.h"
/* ---- libchelper replacements (hand-written, not GraalVM's) ---- */
void determineCPUFeatures(CPUFeatures *f) {
  memset(f, 0, sizeof(*f));
  __builtin_cpu_init();
  f->fCX8 = f->fCMOV = f->fFXSR = f->fMMX = f->fSSE = f->fSSE2 = 1;
  f->fSSE3 = !!__builtin_cpu_supports("sse3"); f->fSSSE3 = !!__builtin_cpu_supports("ssse3");
  f->fSSE4_1 = !!__builtin_cpu_supports("sse4.1"); f->fSSE4_2 = !!__builtin_cpu_supports("sse4.2");
  f->fPOPCNT = !!__builtin_cpu_supports("popcnt"); f->fAVX = !!__builtin_cpu_supports("avx");
  f->fAVX2 = !!__builtin_cpu_supports("avx2"); f->fBMI1 = !!__builtin_cpu_supports("bmi");
  f->fBMI2 = !!__builtin_cpu_supports("bmi2"); f->fFMA = !!__builtin_cpu_supports("fma");
  f->fLZCNT = !!__builtin_cpu_supports("abm"); f->fAES = !!__builtin_cpu_supports("aes");
  f->fCLMUL = !!__builtin_cpu_supports("pclmul"); f->fF16C = !!__builtin_cpu_supports("f16c");
}
int checkCPUFeatures(char *mask) { return 0; }
int checkCPUFeaturesOrExit(char *mask, char *msg) { return 0; }
int getThreadId(void) { return (int) syscall(SYS_gettid); }
int fprintfSD(FILE *s, const char *fmt, const char *a, int b) { return fprintf(s, fmt, a, b); }
void *mremapP(void *o, size_t os, size_t ns, int fl, void *n) { return mremap(o, os, ns, fl, n); }
int openSII(const char *p, int fl, int mode) { return open(p, fl, mode); }
char *SVM_FindJavaTZmd(const char *m, int len) { return NULL; }
static sem_t sig_sem; static volatile sig_atomic_t pending[NSIG];
int cSunMiscSignal_open(void) { return sem_init(&sig_sem, 0, 0); }
int cSunMiscSignal_close(void) { return sem_destroy(&sig_sem); }
int cSunMiscSignal_awaitSemaphore(void) { return sem_wait(&sig_sem); }
int cSunMiscSignal_signalSemaphore(void) { return sem_post(&sig_sem); }
int cSunMiscSignal_signalRangeCheck(int s) { return s > 0 && s < NSIG; }
int cSunMiscSignal_checkPendingSignal(void) { for (int i = 1; i < NSIG; i++) if (pending[i]) { pending[i] = 0; return i; } return -1; }
static void handler(int s) { pending[s] = 1; sem_post(&sig_sem); }
void *cSunMiscSignal_signalHandlerFunctionPointer(void) { return (void *) handler; }
int svm_container_initialize(int v) { return 0; }
size_t svm_container_physical_memory(void) { return (size_t) sysconf(_SC_PHYS_PAGES) * (size_t) sysconf(_SC_PAGESIZE); }
int svm_container_active_processor_count(void) { return (int) sysconf(_SC_NPROCESSORS_ONLN); }
static svm_locale_props_t loc = { "en", "", "US", "", "en", "", "US", "" };
int svm_initialize_locale(void) { return 0; }
svm_locale_props_t *svm_get_locale(void) { return &loc; }
/* ---- svm libjvm.a replacements ---- */
void initialize(void) {}
JNIEXPORT jint JNICALL JVM_ActiveProcessorCount(void) { return (jint) sysconf(_SC_NPROCESSORS_ONLN); }
/* ---- "static JDK lib" shims: forward to Temurin's shared libs ---- */
static jint fwd(const char *lib, JavaVM *vm, void *r) {
  void *h = dlopen(lib, RTLD_NOW | RTLD_NOLOAD); if (!h) return JNI_VERSION_1_8;
  jint (*f)(JavaVM *, void *) = (jint (*)(JavaVM *, void *)) dlsym(h, "JNI_OnLoad");
  if (f) f(vm, r); return JNI_VERSION_1_8;
}
JNIEXPORT jint JNICALL JNI_OnLoad_java(JavaVM *vm, void *r) { return fwd("libjava.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_zip(JavaVM *vm, void *r) { return fwd("libzip.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_nio(JavaVM *vm, void *r) { return fwd("libnio.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_net(JavaVM *vm, void *r) { return fwd("libnet.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_extnet(JavaVM *vm, void *r) { return fwd("libextnet.so", vm, r); }
/* Shutdown.halt0: Temurin's libjava calls HotSpot's JVM_Halt in libjvm.so, which crashes in a Substrate VM process. */
JNIEXPORT void JNICALL Java_java_lang_Shutdown_halt0(JNIEnv *env, jclass c, jint code) { _exit(code); }
