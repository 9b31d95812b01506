/*
 * arch/ia64/sn/kernel/sn2/sn_hwperf.c: sn_topology_show(), the SGI SN2
 * topology file (/proc/sgi_sn/sn_topology), whose partition line names
 * the node: 028stab reads it from utsname(), the reader's own (rule R9).
 * Only that line is modelled, with a one-node machine's numbers.
 */
#include <linux/seq_file.h>
#include <linux/utsname.h>

int sn_topology_show(struct seq_file *s, void *d)
{
	unsigned int partid = 0;

	(void)d;
	seq_printf(s,
		   "partition %u %s local "
		   "shubtype %s, "
		   "nasid_mask 0x%016lx, "
		   "nasid_bits %d:%d, "
		   "system_size %d, "
		   "sharing_size %d, "
		   "coherency_domain %d, "
		   "region_size %d\n",
		   partid, utsname()->nodename, "shub2", 0x3ffUL << 38, 48, 38,
		   1, 1, 0, 1);
	return 0;
}
