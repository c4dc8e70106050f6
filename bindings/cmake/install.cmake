# `cmake --install`: headers as <tempo/...>, the libraries, the `tempo` command, a CMake package
# (find_package(tempo CONFIG) → tempo::tempo, tempo::tempo_c) and a pkg-config file (tempo.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY runtime/include/tempo lang/include/tempo bindings/c/include/tempo
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tempo tempo_runtime tempo_c EXPORT tempoTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tempo_exe RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/../cli/tempo.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tempo)

set(TEMPO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tempo)
install(EXPORT tempoTargets NAMESPACE tempo:: DESTINATION ${TEMPO_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tempoConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tempoConfig.cmake INSTALL_DESTINATION ${TEMPO_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tempoConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tempoConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/tempoConfigVersion.cmake
        DESTINATION ${TEMPO_CMAKE_DIR})

file(RELATIVE_PATH TEMPO_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" TEMPO_PC_TO_PREFIX "${TEMPO_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/tempo.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tempo.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tempo.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
