package io.toolgate.deployment;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Set;

import org.jboss.jandex.IndexView;

/**
 * The application types a tool's parameters and result reach: the records, enums and classes Jackson reads and writes
 * for it, followed through generic arguments, arrays, record components and fields. The JDK's and libraries' own
 * types are left to the extensions that own them.
 */
final class TypeClosure {

    private static final String[] PLATFORM = { "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.fasterxml.",
            "io.quarkus.", "io.smallrye.", "io.vertx.", "org.jboss." };

    private TypeClosure() {
    }

    static void collect(Type type, Set<String> into, IndexView index) {
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into, index);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, into, index);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), into, index);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                collect(bound, into, index);
            }
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), into, index);
                return;
            }
            if (c.isPrimitive() || platform(c.getName()) || !into.add(c.getName())) {
                return;
            }
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    collect(component.getGenericType(), into, index);
                }
            } else if (!c.isEnum()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        collect(field.getGenericType(), into, index);
                    }
                }
            }
        }
    }

    private static boolean platform(String name) {
        for (String prefix : PLATFORM) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
