package dev.certaudit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting held as text that names a file: the command line reads it as a path, relative to the
 * directory the operator started it in, as it does every {@link java.nio.file.Path} setting. Text
 * rather than a Path where an empty value has a meaning of its own (the hosts file's "none"), which a
 * Path cannot carry.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface PathSetting {

}
