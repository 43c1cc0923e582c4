/** Small building blocks every module may use: identifiers and the application clock. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.magpie.shared;
