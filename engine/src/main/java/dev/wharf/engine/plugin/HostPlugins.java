package dev.wharf.engine.plugin;

import dev.wharf.engine.ComponentExtern;
import dev.wharf.engine.ComponentPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** Finding plugins and choosing the ones a component needs. */
public final class HostPlugins {
    private HostPlugins() {
    }

    /**
     * Every {@link HostPlugin} registered with {@link ServiceLoader} visible from {@code loader}, sorted by name.
     *
     * @throws IllegalStateException two plugins share a name
     */
    public static List<HostPlugin> discover(ClassLoader loader) {
        List<HostPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(HostPlugin.class, loader).forEach(plugins::add);
        plugins.sort(Comparator.comparing(HostPlugin::name));
        Set<String> names = new HashSet<>();
        for (HostPlugin plugin : plugins) {
            if (!names.add(plugin.name())) {
                throw new IllegalStateException("two host plugins are named " + plugin.name());
            }
        }
        return List.copyOf(plugins);
    }

    /** The plugins among {@code plugins} that provide at least one of {@code plan}'s imports, in order. */
    public static List<HostPlugin> needed(List<HostPlugin> plugins, ComponentPlan plan) {
        List<String> imports = plan.component().imports().stream().map(ComponentExtern::name).toList();
        return plugins.stream().filter(p -> imports.stream().anyMatch(p::provides)).toList();
    }
}
