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
rem a short run: C1 alone and the serial collector (see bin/kordon); a server: the full compiler
set "KORDON_JVM=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if /i "%~1"=="serve" set "KORDON_JVM=-XX:TieredStopAtLevel=4"
if /i "%~1"=="admission" if /i "%~2"=="serve" set "KORDON_JVM=-XX:TieredStopAtLevel=4"
rem a collector chosen by the user wins (the JVM refuses two)
echo.%KORDON_JAVA_OPTS% %JAVA_TOOL_OPTIONS% %JDK_JAVA_OPTIONS% | findstr /c:"-XX:+Use" | findstr /c:"GC" >nul
if not errorlevel 1 if "%KORDON_JVM%"=="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" set "KORDON_JVM=-XX:TieredStopAtLevel=1"
"%JAVA_EXE%" %KORDON_JVM% -Xshare:auto %KORDON_JAVA_OPTS% -jar "%KORDON_JAR%" %*
exit /b %ERRORLEVEL%
