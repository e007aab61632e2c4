/** Demo page entry; the comparison panes come with the demo issue. */
import '../ui/index.js';
