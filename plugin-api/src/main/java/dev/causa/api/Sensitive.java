package dev.causa.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an input or payload component whose value must never reach the disk, the logs or events: it is replaced
 * by {@code "[redacted]"} before anything is stored. Keys named like {@code password}, {@code token},
 * {@code api_key}, {@code secret} or {@code credential} are redacted even without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Sensitive {
}
