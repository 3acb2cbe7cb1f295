@echo off
rem Kordon launcher for Windows: finds Java 17+ and runs lib\kordon.jar from wherever the
rem archive was unpacked. KORDON_JAVA picks the java.exe, KORDON_JAVA_OPTS adds JVM options.
setlocal
set "KORDON_HOME=%~dp0.."
set "KORDON_JAR=%KORDON_HOME%\lib\kordon.jar"
if not "%KORDON_JAVA%"=="" (
  set "JAVA_EXE=%KORDON_JAVA%"
) else if not "%JAVA_HOME%"=="" (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
"%JAVA_EXE%" -version >nul 2>&1
if errorlevel 1 (
  echo kordon: no Java runtime found; install Java 17 or newer or set JAVA_HOME 1>&2
  exit /b 2
)
rem the jar is Java 17 bytecode: an older runtime says so with UnsupportedClassVersionError
"%JAVA_EXE%" -XX:TieredStopAtLevel=1 -Xshare:auto %KORDON_JAVA_OPTS% -jar "%KORDON_JAR%" %*
exit /b %ERRORLEVEL%
