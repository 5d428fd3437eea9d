package dev.wharf.srctest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's files, as the deployment tests read them. */
final class Repo {
    /** The repository root (src-test's parent; surefire passes src-test's directory). */
    static final Path ROOT = Path.of(System.getProperty("wharf.srcTest.dir", ".")).toAbsolutePath().normalize()
            .getParent();

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relative) {
        return new Yaml().load(read(relative));
    }

    /** Every non-empty document of a multi-document YAML text. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(text)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    /** Follows a path of map keys and list indexes ("spec.template.spec.containers.0.image"). */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(key);
            } else if (node instanceof List<?> list) {
                node = list.get(Integer.parseInt(key));
            } else {
                throw new AssertionError("no " + key + " in " + path + " (reached " + node + ")");
            }
        }
        return (T) node;
    }
}
