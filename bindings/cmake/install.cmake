# `cmake --install`: headers as <tempo/...>, the libraries, the `tempo` command, the Lua module,
# a CMake package (find_package(tempo CONFIG) → tempo::tempo, tempo::tempo_c,
# tempo::tempo_scripting, tempo::tempo_lua) and pkg-config files (tempo.pc, tempo_c.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The Lua module goes where `require "tempo"` finds it: <libdir>/lua/5.4 is Lua's own layout
# (LUA_CDIR); under /usr/local it is on lua5.4's default cpath, and under /usr on Debian it is
# `pkg-config --variable=INSTALL_CMOD lua5.4`.
set(TEMPO_INSTALL_LUADIR ${CMAKE_INSTALL_LIBDIR}/lua/5.4 CACHE STRING
    "Where `cmake --install` puts the Lua module tempo.so (relative to the prefix, or absolute)")

install(DIRECTORY runtime/include/tempo lang/include/tempo bindings/c/include/tempo
                  bindings/lua/include/tempo ${PROJECT_BINARY_DIR}/include/tempo
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tempo tempo_runtime tempo_c EXPORT tempoTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tempo_lua EXPORT tempoTargets LIBRARY DESTINATION ${TEMPO_INSTALL_LUADIR})
# The scripting library links liblua5.4: its own export set, loaded only where Lua is found.
install(TARGETS tempo_scripting EXPORT tempoScriptingTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tempo_exe RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/../cli/tempo.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tempo)

set(TEMPO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tempo)
install(EXPORT tempoTargets NAMESPACE tempo:: DESTINATION ${TEMPO_CMAKE_DIR})
install(EXPORT tempoScriptingTargets NAMESPACE tempo:: DESTINATION ${TEMPO_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tempoConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tempoConfig.cmake INSTALL_DESTINATION ${TEMPO_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tempoConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tempoConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/tempoConfigVersion.cmake
        DESTINATION ${TEMPO_CMAKE_DIR})

file(RELATIVE_PATH TEMPO_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" TEMPO_PC_TO_PREFIX "${TEMPO_PC_TO_PREFIX}")
foreach(pc tempo tempo_c)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${pc}.pc.in ${CMAKE_CURRENT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
