<#-- Rendered by license-maven-plugin from the build's runtime dependencies. -->
Auscult bundles the following third-party software. Each is used under its own licence, named below.

<#list dependencyMap as e>
<#assign project = e.getKey()/>
<#assign licenses = e.getValue()/>
- ${project.name!project.artifactId} ${project.version} (${project.groupId}:${project.artifactId})
  Licence: <#list licenses as l>${l}<#sep>; </#sep></#list>
  <#if project.url??>Home: ${project.url}</#if>
</#list>

The packaged application also carries a Java runtime built from Eclipse Temurin (OpenJDK), licensed under
the GNU General Public License, version 2, with the Classpath Exception; its notices are in the runtime's
legal/ directory. OpenJFX is under the same licence.
