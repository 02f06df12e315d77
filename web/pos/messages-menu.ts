/** Texts of the catering menu (product grid and cart), in English and Chinese (zh-CN). */
import type { Messages } from '../shared/i18n.tsx';

export const menuMessages: Messages = {
  en: {
    menu: 'Menu',
    menuItems: 'Menu items',
    cart: 'Cart',
    cartEmpty: 'Tap an item to add it.',
    more: 'One more {name}',
    less: 'One less {name}',
    quantityOf: '{name}: {n}',
    total: 'Total',
    table: 'Table number',
    orderNote: 'Note for the kitchen (optional)',
    clearCart: 'Clear cart',
  },
  'zh-CN': {
    menu: '点单',
    menuItems: '菜单',
    cart: '购物车',
    cartEmpty: '点击商品加入购物车。',
    more: '{name} 加一份',
    less: '{name} 减一份',
    quantityOf: '{name}：{n} 份',
    total: '合计',
    table: '桌号',
    orderNote: '备注（可选）',
    clearCart: '清空',
  },
};
