package org.dl4jmortal.spi.plugin;

import com.google.inject.Binding;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.spi.Message;
import com.google.inject.util.Types;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every {@link MortalPlugin} with {@link ServiceLoader}, installs each in its own Guice injector and
 * exposes the union of their {@code MapBinder} maps by {@link PluginKind}. A name registered twice (within one
 * plugin or by two plugins), a binding key that differs from the instance's {@code name()}, a plugin class listed by
 * two jars with different class files (two versions of one plugin, which {@link ServiceLoader} would silently reduce
 * to the first; identical copies are harmless and load once), or
 * a plugin that fails to load is a {@link PluginException} that names the jars or the cause; nothing is picked
 * silently.
 */
public final class MortalRegistry {
    /** Where {@link ServiceLoader} finds plugins. */
    public static final String SERVICES_FILE = "META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin";
    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)|: (\\S+) not a subtype");
    private static volatile MortalRegistry global;

    private final Map<PluginKind<?>, Map<String, Object>> instances = new LinkedHashMap<>();
    private final List<PluginInfo> infos = new ArrayList<>();

    private MortalRegistry() {
    }

    /**
     * @return the registry of the thread context class loader, loaded once and cached
     * @throws PluginException if a plugin fails to load or names clash
     */
    public static MortalRegistry global() {
        MortalRegistry r = global;
        if (r == null) {
            synchronized (MortalRegistry.class) {
                r = global;
                if (r == null) {
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    r = load(cl == null ? MortalRegistry.class.getClassLoader() : cl);
                    global = r;
                }
            }
        }
        return r;
    }

    /**
     * Loads every plugin visible to a class loader.
     *
     * @param classLoader where {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin} is looked up
     * @return a new registry
     * @throws PluginException if a plugin fails to load (names the class, the jar that lists it and the cause), a
     *                         plugin class is listed by two jars with different class files (names both) or a name is registered twice (names
     *                         both plugins and their jars)
     */
    public static MortalRegistry load(ClassLoader classLoader) {
        Map<String, List<URL>> listedBy = servicesFiles(classLoader);
        for (Map.Entry<String, List<URL>> e : listedBy.entrySet()) {
            List<URL> files = e.getValue();
            for (int i = 1; i < files.size(); i++) {
                if (!sameClassBytes(files.get(0), files.get(i), e.getKey())) {
                    throw new PluginException("plugin class " + e.getKey() + " is listed by two different jars on the"
                            + " class path: " + containerOf(files.get(0)) + " and " + containerOf(files.get(i))
                            + "; only one copy may be installed (remove the other)");
                }
            }
        }
        MortalRegistry r = new MortalRegistry();
        Iterator<MortalPlugin> it = ServiceLoader.load(MortalPlugin.class, classLoader).iterator();
        while (true) {
            MortalPlugin plugin;
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                throw loadFailure(e, listedBy);
            }
            r.install(plugin);
        }
        return r;
    }

    private static PluginException loadFailure(Throwable e, Map<String, List<URL>> listedBy) {
        String message = String.valueOf(e.getMessage());
        Matcher m = PROVIDER.matcher(message);
        String provider = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        List<String> where = new ArrayList<>();
        for (URL u : provider == null ? List.<URL>of() : listedBy.getOrDefault(provider, List.of())) {
            where.add(containerOf(u));
        }
        Throwable cause = e.getCause();
        StringBuilder b = new StringBuilder("a plugin failed to load");
        if (provider != null) {
            b.append(": ").append(provider);
            b.append(where.isEmpty() ? "" : " (listed in " + String.join(", ", where) + ")");
        }
        b.append(": ").append(message);
        if (cause != null) {
            b.append(" (cause: ").append(cause).append(')');
        }
        return new PluginException(b.toString(), e);
    }

    /**
     * @param classLoader where to look
     * @return every provider class named in a {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin} file,
     * with the services files that name it, in class-path order (one per jar or class folder)
     * @throws PluginException if a services file cannot be read (names the file)
     */
    private static Map<String, List<URL>> servicesFiles(ClassLoader classLoader) {
        Map<String, List<URL>> out = new LinkedHashMap<>();
        Enumeration<URL> files;
        try {
            files = classLoader.getResources(SERVICES_FILE);
        } catch (IOException e) {
            throw new PluginException("cannot list " + SERVICES_FILE + " files: " + e.getMessage(), e);
        }
        while (files.hasMoreElements()) {
            URL url = files.nextElement();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!name.isEmpty()) {
                        List<URL> where = out.computeIfAbsent(name, k -> new ArrayList<>());
                        if (!where.contains(url)) {
                            where.add(url);
                        }
                    }
                }
            } catch (IOException e) {
                throw new PluginException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Two copies of one jar (the same plugin reached twice, for example through a manifest {@code Class-Path} and
     * directly) are harmless; two different builds of a plugin class are not, since only the first would ever load.
     *
     * @return true if the class file beside both services files has the same bytes (false if either is unreadable)
     */
    private static boolean sameClassBytes(URL servicesA, URL servicesB, String className) {
        try {
            return Arrays.equals(classBytes(servicesA, className), classBytes(servicesB, className));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] classBytes(URL servicesFile, String className) throws IOException {
        String s = servicesFile.toString();
        URL classFile = new URL(s.substring(0, s.length() - SERVICES_FILE.length())
                + className.replace('.', '/') + ".class");
        try (InputStream in = classFile.openStream()) {
            return in.readAllBytes();
        }
    }

    private static String containerOf(URL servicesFile) {
        String s = servicesFile.toString();
        if (s.startsWith("jar:")) {
            int bang = s.indexOf("!/");
            s = s.substring(4, bang < 0 ? s.length() : bang);
        } else if (s.endsWith(SERVICES_FILE)) {
            s = s.substring(0, s.length() - SERVICES_FILE.length());
        }
        return s.startsWith("file:") ? s.substring("file:".length()) : s;
    }

    /**
     * Builds a registry from explicit plugin instances (tests, embedding).
     *
     * @param plugins the plugins
     * @return a new registry
     * @throws PluginException as {@link #load(ClassLoader)}
     */
    public static MortalRegistry of(MortalPlugin... plugins) {
        MortalRegistry r = new MortalRegistry();
        for (MortalPlugin p : plugins) {
            r.install(p);
        }
        return r;
    }

    private void install(MortalPlugin plugin) {
        String source = sourceOf(plugin.getClass());
        Injector injector;
        try {
            injector = Guice.createInjector(plugin);
        } catch (CreationException e) {
            StringBuilder why = new StringBuilder();
            for (Message m : e.getErrorMessages()) {
                why.append(why.length() == 0 ? "" : "; ").append(m.getMessage());
            }
            throw new PluginException("plugin " + plugin.getClass().getName() + " from " + source
                    + " failed to start: " + why, e);
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException("plugin " + plugin.getClass().getName() + " from " + source
                    + " failed to start: " + e, e);
        }
        for (PluginKind<?> kind : PluginKind.known()) {
            @SuppressWarnings("unchecked")
            Key<Map<String, Object>> key = (Key<Map<String, Object>>) Key.get(Types.mapOf(String.class, kind.type()));
            Binding<Map<String, Object>> binding = injector.getExistingBinding(key);
            if (binding == null) {
                continue;
            }
            Map<String, Object> bound = binding.getProvider().get();
            Map<String, Object> target = instances.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            for (Map.Entry<String, Object> e : bound.entrySet()) {
                NamedPlugin impl = (NamedPlugin) e.getValue();
                if (!e.getKey().equals(impl.name())) {
                    throw new PluginException(kind + " plugin registered as '" + e.getKey() + "' by "
                            + plugin.getClass().getName() + " (" + source + ") reports the name '" + impl.name()
                            + "'; the binding key and name() must agree");
                }
                if (target.containsKey(e.getKey())) {
                    PluginInfo other = info(kind.name(), e.getKey());
                    throw new PluginException("two plugins register the " + kind + " name '" + e.getKey() + "': "
                            + other.plugin() + " from " + other.source() + " and " + plugin.getClass().getName()
                            + " from " + source + "; remove one of the jars");
                }
                target.put(e.getKey(), impl);
                infos.add(new PluginInfo(kind.name(), e.getKey(), impl.getClass().getName(),
                        plugin.getClass().getName(), plugin.version(), source, impl.description()));
            }
        }
    }

    private PluginInfo info(String kind, String name) {
        for (PluginInfo i : infos) {
            if (i.kind().equals(kind) && i.name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no info for " + kind + " " + name);
    }

    private static String sourceOf(Class<?> c) {
        CodeSource cs = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? "(unknown location)" : cs.getLocation().getPath();
    }

    /**
     * @param kind the extension point
     * @param name a registered name
     * @param <T>  the contract
     * @return the implementation
     * @throws PluginException if no such name is installed; the message lists the installed names of the kind
     */
    public <T extends NamedPlugin> T get(PluginKind<T> kind, String name) {
        Map<String, Object> m = instances.getOrDefault(kind, Map.of());
        Object o = m.get(name);
        if (o == null) {
            throw new PluginException("unknown " + kind + " '" + name + "'; installed " + kind + " plugins: "
                    + names(kind));
        }
        return kind.type().cast(o);
    }

    /**
     * @param kind the extension point
     * @return the installed names of that kind, sorted
     */
    public Set<String> names(PluginKind<?> kind) {
        return Collections.unmodifiableSet(new TreeSet<>(instances.getOrDefault(kind, Map.of()).keySet()));
    }

    /** @return every installed implementation, in load order */
    public List<PluginInfo> plugins() {
        return List.copyOf(infos);
    }
}
