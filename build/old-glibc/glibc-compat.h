/* Force-included into the C sources (SQLite) by build-linux-x64.sh.
 * glibc 2.29 added new versions of these libm functions; binding to the original x86-64
 * versions keeps the module loadable on glibc 2.28 (UOS 20). Both versions are exported
 * by every newer glibc, so nothing changes on up-to-date systems. */
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
