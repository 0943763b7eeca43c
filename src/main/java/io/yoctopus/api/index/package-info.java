/**
 * The index a plugin jar carries of its bean classes, so that its plugins become beans wherever the server
 * puts the jar.
 *
 * <p>A CDI container finds beans only in the archives of the application. A jar the server gives the
 * application as a library (Payara Micro's {@code --addlibs}, a WildFly global module, an Open Liberty shared
 * library) is visible to the application's class loader but is not one of its archives. So the API jar
 * carries an annotation processor, {@link io.yoctopus.api.index.BeanIndexProcessor}, which javac finds on the
 * class path and runs when a plugin project compiles: it writes {@value io.yoctopus.api.index.BeanIndex#LOCATION}
 * into the jar, listing the classes that CDI's {@code annotated} discovery would make beans. At deployment the
 * runtime reads every such index its class loader can see and adds the classes the container did not discover
 * itself, so that they become beans with injection, exactly as if the jar were in {@code WEB-INF/lib}.
 *
 * <p>Plugin authors never import this package: javac runs the processor by itself (from JDK 23 on, only with
 * {@code -proc:full} or the processor named, see the README).
 */
package io.yoctopus.api.index;
