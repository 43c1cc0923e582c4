/** Small building blocks every module may use: identifiers, the application clock, a cache of recent answers. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.magpie.shared;
