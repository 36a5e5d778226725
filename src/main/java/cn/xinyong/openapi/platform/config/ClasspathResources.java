package cn.xinyong.openapi.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reading a resource the service ships (index definitions, catalogues, calendars): missing is a build error. */
public final class ClasspathResources {

    private ClasspathResources() {
    }

    /** The resource's bytes; throws {@link IllegalStateException} when it is not on the class path. */
    public static byte[] bytes(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
